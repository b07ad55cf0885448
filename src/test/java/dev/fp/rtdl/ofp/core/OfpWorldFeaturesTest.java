package dev.fp.rtdl.ofp.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Topics;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.ofp.store.FlowState;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.rtdl.ofp.store.WindowedState;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.world.TestWorlds;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feature correctness against the world itself: a generated world's flow anchors and traffic are streamed through
 * OFP's core in log-sized rounds (anchors and traffic interleaved as they are read, so some traffic meets its anchor
 * late), and the features {@code get_features} answers at the end of the stream are compared, for every party,
 * device and merchant, with the windows computed directly from the Parquet rows by the rule the windows are
 * documented with (bucket-aligned, ending with the bucket of as_of; amount carried by AUTH_REQUEST).
 */
class OfpWorldFeaturesTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String ANCHORS = "s3_flow_anchor_with_fraud_6B";
  static final String TRAFFIC = "s3_event_stream_with_fraud_6B";

  @Test
  @SuppressWarnings("unchecked")
  void shouldAnswerTheWindowsComputedDirectlyFromTheWorldsParquet() throws Exception {
    Path world = TestWorlds.world(TestWorlds.SMALL);
    List<Map<String, Object>> anchors = TestWorlds.rows(TestWorlds.parts(world, ANCHORS));
    List<Map<String, Object>> traffic = TestWorlds.rows(TestWorlds.parts(world, TRAFFIC));
    FeaturePolicy policy = loadShippedPolicy();
    ProcessorDriver<Void> d = new ProcessorDriver<>(new OfpCore(policy, 2_000, 100), RUN)
        .withCounterNames(OfpCounters.ALL).withEnrichment((records, reads) -> {
          Map<StreamRecord, Object> now = new IdentityHashMap<>();
          records.forEach(r -> now.put(r, Long.MAX_VALUE / 2));          // every join-wait budget spent
          return now;
        });
    int round = 400;
    for (int i = 0; i < Math.max(anchors.size(), traffic.size()); i += round) {
      List<LogRecord> batch = new ArrayList<>();
      for (Map<String, Object> row : anchors.subList(Math.min(i, anchors.size()), Math.min(i + round,
          anchors.size()))) {
        batch.add(d.record(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, 0, envelope(ANCHORS, row, "a")));
      }
      for (Map<String, Object> row : traffic.subList(Math.min(i, traffic.size()), Math.min(i + round,
          traffic.size()))) {
        batch.add(d.record(Topics.TRAFFIC_FRAUD, 0, envelope(TRAFFIC, row, "t")));
      }
      d.feed(batch);
    }
    assertThat(d.counters().get(OfpCounters.APPLIED)).isEqualTo(traffic.size());
    assertThat(d.counters().get(OfpCounters.SEEN)).isEqualTo(traffic.size());
    assertThat(d.counters().get(OfpCounters.ANCHORS_APPLIED)).isEqualTo(anchors.size());

    // The direct computation: every AUTH_REQUEST joined with its flow's anchor.
    Map<Object, Map<String, Object>> anchorByFlow = new HashMap<>();
    anchors.forEach(a -> anchorByFlow.put(a.get("flow_id"), a));
    List<Map<String, Object>> requests = traffic.stream().filter(t -> "AUTH_REQUEST".equals(t.get("event_type")))
        .filter(t -> anchorByFlow.containsKey(t.get("flow_id"))).toList();
    long asOf = traffic.stream().mapToLong(t -> WireTime.parseMicros((String) t.get("ts_utc"))).max().orElseThrow();
    String asOfText = WireTime.formatString(asOf);

    FeatureSnapshot snapshots = new FeatureSnapshot(policy, "digest");
    int compared = 0;
    for (String[] spec : new String[][] {{"party_id", "party_features", "merchant_id", "device_id"},
        {"device_id", "device_features", "party_id"}, {"merchant_id", "merchant_features", "party_id"}}) {
      FeatureGroup group = policy.group(spec[1], "v1");
      Map<String, List<Map<String, Object>>> byKey = new TreeMap<>();
      for (Map<String, Object> req : requests) {
        byKey.computeIfAbsent(String.valueOf(anchorByFlow.get(req.get("flow_id")).get(spec[0])),
            k -> new ArrayList<>()).add(req);
      }
      for (Map.Entry<String, List<Map<String, Object>>> e : byKey.entrySet()) {
        Map<String, Object> expected = expected(group, e.getValue(), anchorByFlow, asOf);
        FeatureRequest request = FeatureRequest.parse(Map.of("pins", Map.of("platform_run_id", RUN),
            "as_of_time_utc", asOfText, "feature_keys", List.of(Map.of("key_type", spec[0], "key_id", e.getKey())),
            "feature_groups", List.of(Map.of("name", spec[1], "version", "v1"))), RUN, 10);
        Map<OfpTables.FeatureKey, WindowedState> rows = new HashMap<>();
        for (OfpTables.FeatureKey k : snapshots.featureKeys(request, RUN)) {
          rows.put(k, d.get(OfpTables.FEATURES, k));
        }
        Map<String, Object> snapshot = snapshots.build(request, RUN, new FeatureSnapshot.Basis("file_line",
            List.of(), asOf), Map.of(), rows);
        Map<String, Object> answered = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
            snapshot.get("features")).get(spec[0] + ":" + e.getKey())).get(spec[1]);
        List<String> saturated = (List<String>) answered.get("distinct_saturated");
        for (Map.Entry<String, Object> f : expected.entrySet()) {
          boolean lowerBound = f.getKey().startsWith("distinct_") && saturated.stream()
              .anyMatch(t -> f.getKey().startsWith("distinct_" + t + "_"));
          if (lowerBound) {
            assertThat((Long) answered.get(f.getKey())).as(spec[0] + " " + e.getKey() + " " + f.getKey())
                .isLessThanOrEqualTo((Long) f.getValue());
          } else if (f.getValue() instanceof Double x) {
            assertThat((Double) answered.get(f.getKey())).as(spec[0] + " " + e.getKey() + " " + f.getKey())
                .isCloseTo(x, org.assertj.core.data.Offset.offset(1e-9));
          } else {
            assertThat(answered.get(f.getKey())).as(spec[0] + " " + e.getKey() + " " + f.getKey())
                .isEqualTo(f.getValue());
          }
        }
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100);

    // core_features of a few flows: both events counted, the amount once.
    for (Map<String, Object> req : requests.subList(0, 5)) {
      FlowState f = d.get(OfpTables.FLOWS, new OfpTables.FlowKey(RUN, String.valueOf(req.get("flow_id"))));
      assertThat(f.events).isEqualTo(2);
      assertThat(f.amountCents).isEqualTo(Math.round((Double) req.get("amount") * 100));
    }
  }

  /** The group's features of {@code events} (requests of one key) at {@code asOf}, computed from the rows. */
  static Map<String, Object> expected(FeatureGroup group, List<Map<String, Object>> events,
                                      Map<Object, Map<String, Object>> anchorByFlow, long asOf) {
    Map<String, Object> out = new LinkedHashMap<>();
    long newest = 0;
    for (Window w : group.windows()) {
      long width = w.bucketSeconds() * 1_000_000L;
      long current = Math.floorDiv(asOf, width);
      long count = 0;
      long cents = 0;
      Map<String, Map<String, Long>> lastSeen = new HashMap<>();
      for (Map<String, Object> e : events) {
        long ts = WireTime.parseMicros((String) e.get("ts_utc"));
        newest = Math.max(newest, ts);
        long bucket = Math.floorDiv(ts, width);
        if (bucket > current - w.buckets() && bucket <= current) {
          count++;
          cents += Math.round((Double) e.get("amount") * 100);
        }
        for (String type : group.distinct()) {
          String id = String.valueOf(anchorByFlow.get(e.get("flow_id")).get(type));
          lastSeen.computeIfAbsent(type, t -> new HashMap<>()).merge(id, Math.floorDiv(ts, 60_000_000L), Math::max);
        }
      }
      out.put("count_" + w.label(), count);
      out.put("amount_sum_" + w.label(), cents / 100.0);
      if (count > 0) {
        out.put("amount_mean_" + w.label(), cents / 100.0 / count);
      }
      for (String type : group.distinct()) {
        long n = lastSeen.getOrDefault(type, Map.of()).values().stream()
            .map(m -> w.minuteBuckets() ? m : Math.floorDiv(m, 60))
            .filter(b -> b > current - w.buckets() && b <= current).count();
        out.put("distinct_" + type + "_" + w.label(), n);
      }
    }
    out.put("last_seen_ts_utc", WireTime.formatString(newest));
    return out;
  }

  static String envelope(String outputId, Map<String, Object> row, String prefix) {
    String eventId = prefix + ":" + row.get("flow_id") + ":" + row.getOrDefault("event_seq", "");
    return CanonicalJson.write(OfpSamples.envelope(RUN, eventId, outputId, (String) row.get("ts_utc"), row));
  }

  @SuppressWarnings("unchecked")
  static FeaturePolicy loadShippedPolicy() throws Exception {
    return FeaturePolicy.of(new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(
        Path.of("conf/ofp/features.yaml").toFile(), Map.class));
  }
}
