package dev.fp.substrate.sql;

import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code IN (…)} lists for batched lookups, written once for both dialects. Lists are cut into chunks of at most
 * {@link #MAX} values and each chunk is padded to a power of two by repeating its last value, so a batch of any size
 * uses one of a handful of prepared-statement shapes (the statement caches stay small) and the padding changes no
 * result.
 */
public final class InList {
  public static final int MAX = 512;

  private InList() {
  }

  /** The values cut into chunks of at most {@link #MAX}. */
  public static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i += MAX) {
      out.add(values.subList(i, Math.min(values.size(), i + MAX)));
    }
    return out;
  }

  /** Smallest power of two that holds {@code n} values (n in 1..MAX). */
  public static int padded(int n) {
    if (n < 1 || n > MAX) {
      throw new IllegalArgumentException("InList: " + n + " values outside 1.." + MAX);
    }
    return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** {@code $first, $first+1, …} for the padded size of a chunk of {@code n} values. */
  public static String placeholders(int first, int n) {
    int size = padded(n);
    StringBuilder sb = new StringBuilder(size * 5);
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append('$').append(first + i);
    }
    return sb.toString();
  }

  /** The leading arguments followed by the chunk, padded with its last value. */
  public static Tuple tuple(List<?> leading, List<?> chunk) {
    Tuple t = Tuple.tuple();
    leading.forEach(t::addValue);
    int size = padded(chunk.size());
    for (int i = 0; i < size; i++) {
      t.addValue(chunk.get(Math.min(i, chunk.size() - 1)));
    }
    return t;
  }
}
