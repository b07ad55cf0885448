package dev.fp.oracle.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A fast, well-mixed 64-bit hash (murmur3's finaliser over 8-byte words); not cryptographic. */
public final class Hash64 {
  private static final long K = 0x9E3779B97F4A7C15L;
  /** Reads 8 bytes of an array as one little-endian word (one load instead of eight). */
  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Hash64() {
  }

  /** murmur3 fmix64: a bijective avalanche of one 64-bit value. */
  public static long mix(long z) {
    z ^= z >>> 33;
    z *= 0xff51afd7ed558ccdL;
    z ^= z >>> 33;
    z *= 0xc4ceb9fe1a85ec53L;
    z ^= z >>> 33;
    return z;
  }

  /** Folds {@code value} into the running hash {@code h}. */
  public static long step(long h, long value) {
    return mix(h * K + value);
  }

  /** Hash of the remaining bytes of {@code bytes} (position unchanged). */
  public static long bytes(ByteBuffer bytes) {
    if (bytes.hasArray()) {
      return bytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
    ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long h = b.remaining();
    while (b.remaining() >= 8) {
      h = step(h, b.getLong());
    }
    long tail = 0;
    int shift = 0;
    while (b.hasRemaining()) {
      tail |= (b.get() & 0xffL) << shift;
      shift += 8;
    }
    return step(h, tail);
  }

  /** Hash of {@code a[at..at+length)}; equal to {@link #bytes(ByteBuffer)} over the same bytes. */
  public static long bytes(byte[] a, int at, int length) {
    long h = length;
    int p = at;
    int end = at + length;
    while (end - p >= 8) {
      h = step(h, (long) LONG_LE.get(a, p));
      p += 8;
    }
    long tail = 0;
    int shift = 0;
    while (p < end) {
      tail |= (a[p++] & 0xffL) << shift;
      shift += 8;
    }
    return step(h, tail);
  }
}
