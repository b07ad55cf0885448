package dev.fp.oracle.core;

import java.util.Arrays;

/** A growable byte array with little-endian and varint writers; {@link #reset} keeps the capacity. */
public final class ByteSink {
  private final int maxCapacity;
  private byte[] data;
  private int size;

  public ByteSink(int initialCapacity) {
    this(initialCapacity, Integer.MAX_VALUE - 16);
  }

  /** Growth never allocates past {@code maxCapacity} unless a single write needs more. */
  public ByteSink(int initialCapacity, int maxCapacity) {
    this.maxCapacity = maxCapacity;
    data = new byte[Math.max(16, Math.min(initialCapacity, maxCapacity))];
  }

  public byte[] array() {
    return data;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return data.length;
  }

  public void reset() {
    size = 0;
  }

  /** Drops bytes written after {@code mark} (used to undo a row that did not fit). */
  public void truncate(int mark) {
    size = mark;
  }

  public void ensure(int extra) {
    if (size + extra > data.length) {
      long doubled = Math.min(2L * data.length, maxCapacity);
      data = Arrays.copyOf(data, (int) Math.max(doubled, (long) size + extra));
    }
  }

  public void put(byte b) {
    ensure(1);
    data[size++] = b;
  }

  public void put(byte[] src, int at, int length) {
    ensure(length);
    System.arraycopy(src, at, data, size, length);
    size += length;
  }

  public void putLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      data[size++] = (byte) (v >>> (8 * i));
    }
  }

  public void putInt(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      data[size++] = (byte) (v >>> (8 * i));
    }
  }

  public void putVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      data[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    data[size++] = (byte) v;
  }

  public static long getLong(byte[] a, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (a[at + i] & 0xffL);
    }
    return v;
  }

  public static int getInt(byte[] a, int at) {
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (a[at + i] & 0xff);
    }
    return v;
  }

  /** Reads a varint at {@code pos[0]} and advances it. */
  public static long getVarint(byte[] a, int[] pos) {
    long v = 0;
    int shift = 0;
    int p = pos[0];
    while (true) {
      byte b = a[p++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
    }
    pos[0] = p;
    return v;
  }
}
