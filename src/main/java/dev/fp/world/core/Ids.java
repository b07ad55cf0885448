package dev.fp.world.core;

/**
 * Positive int64 ids without collisions: {@code id(i)} is a bijection of the 63-bit integers (odd multipliers and
 * xor-shifts modulo 2^63) that fixes only 0, applied to {@code i + 1}, so distinct indexes of one namespace give
 * distinct ids in [1, 2^63). Namespaces and seeds pick different multipliers.
 */
public final class Ids {
  private static final long MASK = Long.MAX_VALUE;
  private final long m1;
  private final long m2;

  public Ids(long seed, String namespace) {
    long k = Draws.mix(seed ^ Draws.stream(namespace));
    this.m1 = (k | 1) & MASK;
    this.m2 = (Draws.mix(k) | 1) & MASK;
  }

  public long id(long index) {
    long x = (index + 1) & MASK;
    x = (x * m1) & MASK;
    x ^= x >>> 29;
    x = (x * m2) & MASK;
    x ^= x >>> 32;
    return x;
  }

  /** A positive id from an arbitrary hash (for ids that are hashes of keys, such as sessions and cases). */
  public static long positive(long hash) {
    long x = hash & MASK;
    return x == 0 ? 1 : x;
  }
}
