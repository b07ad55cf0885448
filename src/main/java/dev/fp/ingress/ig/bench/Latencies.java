package dev.fp.ingress.ig.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recorded latencies (microseconds) and nearest-rank percentiles over a sorted copy. Not thread-safe. */
final class Latencies {
  private long[] micros = new long[1 << 16];
  private int n;

  void add(long value) {
    if (n == micros.length) {
      micros = Arrays.copyOf(micros, n * 2);
    }
    micros[n++] = value;
  }

  int count() {
    return n;
  }

  /** p50, p90, p99, p99.9 and max in milliseconds (3 decimals). */
  Map<String, Double> summaryMs() {
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("p50", pct(sorted, 0.50));
    out.put("p90", pct(sorted, 0.90));
    out.put("p99", pct(sorted, 0.99));
    out.put("p999", pct(sorted, 0.999));
    out.put("max", n == 0 ? 0 : sorted[n - 1] / 1000.0);
    return out;
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1000.0;
  }
}
