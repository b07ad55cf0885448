package dev.fp.oracle.core;

import dev.fp.contract.WireTime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order-free statistics of a multiset of rows: count, time range and two independent sums of row hashes
 * ({@code hash_sum} modulo 2^64, {@code hash_sum2} of a second mix modulo 1e9+7), so raw input and sorted output can
 * be compared without regard to order. Accumulate with {@link Accumulator}; immutable once built.
 */
public record SortStats(long rowCount, String hashSum, String hashSum2, String minTsUtc, String maxTsUtc) {
  private static final long P = 1_000_000_007L;

  /** The receipt form: {@code {row_count, hash_sum, hash_sum2, min_ts_utc, max_ts_utc}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("row_count", rowCount);
    m.put("hash_sum", hashSum);
    m.put("hash_sum2", hashSum2);
    m.put("min_ts_utc", minTsUtc);
    m.put("max_ts_utc", maxTsUtc);
    return m;
  }

  /** Adds rows one at a time; merge partial accumulators with {@link #add(Accumulator)}. Not thread-safe. */
  public static final class Accumulator {
    private long count;
    private long sum;
    private long sum2;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;

    public void add(long rowHash, long tsMicros) {
      count++;
      sum += rowHash;
      sum2 = (sum2 + Long.remainderUnsigned(Hash64.mix(rowHash ^ 0x5bd1e9955bd1e995L), P)) % P;
      minTs = Math.min(minTs, tsMicros);
      maxTs = Math.max(maxTs, tsMicros);
    }

    public void add(Accumulator other) {
      count += other.count;
      sum += other.sum;
      sum2 = (sum2 + other.sum2) % P;
      minTs = Math.min(minTs, other.minTs);
      maxTs = Math.max(maxTs, other.maxTs);
    }

    public long count() {
      return count;
    }

    public SortStats build() {
      return new SortStats(count, Long.toUnsignedString(sum), Long.toString(sum2),
          count == 0 ? null : WireTime.formatString(minTs), count == 0 ? null : WireTime.formatString(maxTs));
    }
  }
}
