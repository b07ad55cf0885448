package dev.fp.world.core;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based randomness: every draw is a pure function of (seed, stream, index), so any flow can be generated
 * on its own, in any order, with the same result. Streams are named; {@link #stream} turns a name into its key.
 * Floating-point work uses {@link StrictMath} so results are identical on every JVM.
 */
public final class Draws {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private final long seed;

  public Draws(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The key of a named stream of draws. */
  public static long stream(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** splitmix64's finaliser. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public long bits(long stream, long index) {
    return mix(mix(seed ^ stream) + index * GOLDEN);
  }

  /** Uniform in [0, 1). */
  public double uniform(long stream, long index) {
    return (bits(stream, index) >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound). */
  public int below(long stream, long index, int bound) {
    return (int) ((bits(stream, index) >>> 33) * bound >>> 31);
  }

  /** Standard normal (Box–Muller over two draws of the stream). */
  public double normal(long stream, long index) {
    double u1 = 1.0 - uniform(stream, 2 * index);
    double u2 = uniform(stream, 2 * index + 1);
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }
}
