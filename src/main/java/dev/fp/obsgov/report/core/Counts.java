package dev.fp.obsgov.report.core;

import java.util.Map;

/** Reading counters out of metrics maps: a missing map or counter is null (unknown), never 0. Pure. */
final class Counts {
  private Counts() {
  }

  static Long get(Map<String, Object> metrics, String name) {
    if (metrics == null) {
      return null;
    }
    return metrics.get(name) instanceof Number n ? n.longValue() : null;
  }

  /** {@code get} with 0 for an absent counter of a present map (files omit zero counters). */
  static Long orZero(Map<String, Object> metrics, String name) {
    if (metrics == null) {
      return null;
    }
    Long v = get(metrics, name);
    return v == null ? 0L : v;
  }

  /** The sum; null when any part is unknown. */
  static Long sum(Long... parts) {
    long total = 0;
    for (Long p : parts) {
      if (p == null) {
        return null;
      }
      total += p;
    }
    return total;
  }

  static Long max(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }

  static long zeroIfNull(Long v) {
    return v == null ? 0 : v;
  }
}
