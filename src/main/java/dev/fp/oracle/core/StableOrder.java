package dev.fp.oracle.core;

/**
 * The stable sorting permutation of signed 64-bit keys: a least-significant-digit radix sort, 8 bits a pass, that
 * skips passes in which every key has the same digit (time keys of one run share their high bytes). Stability is
 * the tie-break the stream view needs: equal timestamps keep their input order (source file, then row).
 */
public final class StableOrder {
  private StableOrder() {
  }

  /** Positions {@code 0..n-1} ordered by {@code keys[i]}, ties in ascending position. */
  public static int[] of(long[] keys, int n) {
    int[] order = new int[n];
    int[] orderTmp = new int[n];
    long[] k = new long[n];
    long[] kTmp = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      k[i] = keys[i] ^ Long.MIN_VALUE;
    }
    int[] count = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      if (!countDigits(k, n, shift, count)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        int dst = count[(int) ((k[i] >>> shift) & 0xff)]++;
        kTmp[dst] = k[i];
        orderTmp[dst] = order[i];
      }
      long[] ks = k;
      k = kTmp;
      kTmp = ks;
      int[] os = order;
      order = orderTmp;
      orderTmp = os;
    }
    return order;
  }

  /** Fills {@code count} with each digit's start position; false when all keys share the digit. */
  private static boolean countDigits(long[] k, int n, int shift, int[] count) {
    java.util.Arrays.fill(count, 0);
    for (int i = 0; i < n; i++) {
      count[(int) ((k[i] >>> shift) & 0xff) + 1]++;
    }
    for (int d = 1; d <= 256; d++) {
      if (count[d] == n) {
        return false;
      }
    }
    for (int d = 1; d <= 256; d++) {
      count[d] += count[d - 1];
    }
    return true;
  }
}
