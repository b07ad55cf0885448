package dev.fp.substrate.state;

import java.util.Arrays;

/**
 * A range of encoded keys for {@link StateStore#scan}: {@code [from, to)} in unsigned byte order; a null bound is
 * open. {@link #prefix} is {@code [prefix, prefix + 1)}.
 */
public record KeyRange(byte[] from, byte[] to) {

  /** Every key of the table. */
  public static KeyRange all() {
    return new KeyRange(null, null);
  }

  /** Keys that start with {@code prefix} (every key for an empty prefix). */
  public static KeyRange prefix(byte[] prefix) {
    return new KeyRange(prefix.length == 0 ? null : prefix.clone(), successor(prefix));
  }

  /** Keys {@code k} with {@code from <= k < to}; either bound may be null (open). */
  public static KeyRange between(byte[] from, byte[] to) {
    return new KeyRange(from == null ? null : from.clone(), to == null ? null : to.clone());
  }

  /** The rest of this range after {@code lastKey}: how a caller pages through a scan that hit its limit. */
  public KeyRange after(byte[] lastKey) {
    return new KeyRange(Arrays.copyOf(lastKey, lastKey.length + 1), to);
  }

  /** True when {@code key} lies in the range. */
  public boolean contains(byte[] key) {
    return (from == null || Arrays.compareUnsigned(key, from) >= 0) && (to == null || Arrays.compareUnsigned(key, to) < 0);
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}: drop trailing 0xFF bytes, add one to the
   * last byte; null (open end) when the prefix is empty or all 0xFF.
   */
  static byte[] successor(byte[] prefix) {
    int end = prefix.length;
    while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    byte[] next = Arrays.copyOf(prefix, end);
    next[end - 1]++;
    return next;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange r && Arrays.equals(from, r.from) && Arrays.equals(to, r.to);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
  }

  @Override
  public String toString() {
    return "[" + hex(from) + ", " + hex(to) + ")";
  }

  private static String hex(byte[] b) {
    return b == null ? "open" : java.util.HexFormat.of().formatHex(b);
  }
}
