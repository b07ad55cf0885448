package dev.fp.rtdl.ofp.core;

import dev.fp.contract.WireTime;
import dev.fp.rtdl.ofp.store.WindowedState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The incremental event-time windows of one entity group: how an event enters a key's {@link WindowedState} and what
 * the state says at an {@code as_of} time.
 *
 * <p><b>Buckets.</b> A window of up to an hour is counted in minute buckets, a longer one in hour buckets. At
 * {@code as_of}, window {@code W} of bucket width {@code g} sums the buckets {@code b} with
 * {@code bucket(as_of) - W/g < b <= bucket(as_of)}: it ends with the bucket holding {@code as_of} (so its boundary is
 * exact to the bucket: a minute for 1 h, an hour for 24 h and 7 d). Distinct counterparties count the ids whose
 * newest time seen with the key falls in the same buckets.
 *
 * <p><b>Bounded and order-free.</b> Buckets and ids older than the longest window they serve plus a slack (an hour
 * of minute buckets, a day of hour buckets), measured from the key's newest event, are pruned, and an event that old
 * is not added — so the state is a function of the set of
 * events applied, whatever their arrival order. Amounts are summed in minor units (longs), so sums do not depend on
 * order either. A counterparty set keeps at most {@code cap} ids: the ones with the smallest hash (a bottom-k
 * sample, the same whatever the order), and remembers that it was saturated.
 */
public final class Windows {
  static final long MICROS_PER_MINUTE = 60_000_000L;
  static final long MICROS_PER_HOUR = 3_600_000_000L;
  /** Buckets kept beyond the longest window, so an as_of up to an hour (minute windows) or a day (hour windows)
   * behind the key's newest event is answered exactly. */
  static final long MINUTE_SLACK = 60;
  static final long HOUR_SLACK = 24;
  private final FeatureGroup group;
  private final int cap;
  private final long minuteBuckets;
  private final long hourBuckets;
  private final long distinctMinutes;

  public Windows(FeatureGroup group, int distinctCap) {
    this.group = group;
    this.cap = distinctCap;
    long minuteWindow = group.windows().stream().filter(Window::minuteBuckets).mapToLong(Window::buckets).max()
        .orElse(0);
    long hourWindow = group.windows().stream().filter(w -> !w.minuteBuckets()).mapToLong(Window::buckets).max()
        .orElse(0);
    this.minuteBuckets = minuteWindow == 0 ? 0 : minuteWindow + MINUTE_SLACK;
    this.hourBuckets = hourWindow == 0 ? 0 : hourWindow + HOUR_SLACK;
    this.distinctMinutes = group.windows().stream().mapToLong(w -> w.seconds() / Window.MINUTE).max().orElse(0)
        + HOUR_SLACK * 60;
  }

  public FeatureGroup group() {
    return group;
  }

  /** Adds one event (time in epoch µs, amount in minor units, the flow's entities as counterparties), then prunes. */
  public void add(WindowedState s, long tsMicros, long amountCents, Map<String, String> entities) {
    long minute = Math.floorDiv(tsMicros, MICROS_PER_MINUTE);
    long hour = Math.floorDiv(tsMicros, MICROS_PER_HOUR);
    s.lastMicros = s.lastMicros == 0 ? tsMicros : Math.max(s.lastMicros, tsMicros);
    long newestMinute = Math.floorDiv(s.lastMicros, MICROS_PER_MINUTE);
    long newestHour = Math.floorDiv(s.lastMicros, MICROS_PER_HOUR);
    if (minute > newestMinute - minuteBuckets) {
      bump(s.minutes, minute, amountCents);
    }
    if (hour > newestHour - hourBuckets) {
      bump(s.hours, hour, amountCents);
    }
    if (minute > newestMinute - distinctMinutes) {
      for (String type : group.distinct()) {
        String id = entities.get(type);
        if (id != null) {
          TreeMap<String, Long> ids = s.distinct.computeIfAbsent(type, t -> new TreeMap<>());
          ids.merge(id, minute, Math::max);
          if (ids.size() > cap) {
            ids.remove(largestHash(ids));
            s.saturated.add(type);
          }
        }
      }
    }
    prune(s.minutes, newestMinute - minuteBuckets);
    prune(s.hours, newestHour - hourBuckets);
    long oldestMinute = newestMinute - distinctMinutes;
    s.distinct.values().forEach(ids -> ids.values().removeIf(m -> m <= oldestMinute));
    s.distinct.values().removeIf(Map::isEmpty);
  }

  private static void bump(TreeMap<Long, long[]> buckets, long bucket, long cents) {
    long[] b = buckets.computeIfAbsent(bucket, k -> new long[2]);
    b[0]++;
    b[1] += cents;
  }

  private static void prune(TreeMap<Long, long[]> buckets, long atOrBefore) {
    buckets.headMap(atOrBefore, true).clear();
  }

  private static String largestHash(TreeMap<String, Long> ids) {
    String worst = null;
    long worstHash = 0;
    for (String id : ids.keySet()) {
      long h = hash(id);
      if (worst == null || Long.compareUnsigned(h, worstHash) > 0) {
        worst = id;
        worstHash = h;
      }
    }
    return worst;
  }

  /** FNV-1a 64 over the id's UTF-16 units, then a finalising mix: stable across JVMs and runs. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * The group's features of state {@code s} at {@code asOfMicros}: per window {@code count_<w>},
   * {@code amount_sum_<w>}, {@code amount_mean_<w>} (null without events), {@code distinct_<type>_<w>}; then
   * {@code last_seen_ts_utc} (the newest event applied to the key) and {@code distinct_saturated} (the counterparty
   * types whose set hit the cap: their counts are lower bounds).
   */
  public Map<String, Object> values(WindowedState s, long asOfMicros) {
    long asOfMinute = Math.floorDiv(asOfMicros, MICROS_PER_MINUTE);
    long asOfHour = Math.floorDiv(asOfMicros, MICROS_PER_HOUR);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Window w : group.windows()) {
      NavigableMap<Long, long[]> in = w.minuteBuckets()
          ? s.minutes.subMap(asOfMinute - w.buckets(), false, asOfMinute, true)
          : s.hours.subMap(asOfHour - w.buckets(), false, asOfHour, true);
      long count = 0;
      long cents = 0;
      for (long[] b : in.values()) {
        count += b[0];
        cents += b[1];
      }
      out.put("count_" + w.label(), count);
      out.put("amount_sum_" + w.label(), cents / 100.0);
      out.put("amount_mean_" + w.label(), count == 0 ? null : cents / 100.0 / count);
      long current = w.minuteBuckets() ? asOfMinute : asOfHour;
      for (String type : group.distinct()) {
        long n = s.distinct.getOrDefault(type, new TreeMap<>()).values().stream()
            .map(m -> w.minuteBuckets() ? m : Math.floorDiv(m, 60))
            .filter(b -> b > current - w.buckets() && b <= current).count();
        out.put("distinct_" + type + "_" + w.label(), n);
      }
    }
    out.put("last_seen_ts_utc", s.lastMicros == 0 ? null : WireTime.formatString(s.lastMicros));
    out.put("distinct_saturated", java.util.List.copyOf(s.saturated));
    return out;
  }
}
