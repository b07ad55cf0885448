package dev.fp.contract;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 without repairs. {@code new String(bytes, UTF_8)} and {@code String.getBytes(UTF_8)} silently replace what
 * they cannot code, and Jackson's byte parser decodes the overlong {@code C0 AF} to {@code /}. Here bytes are checked
 * against the well-formed sequences of Unicode 15 table 3-7 (no overlong forms, truncated sequences, encoded
 * surrogates or code points above U+10FFFF) without decoding them, and encoding refuses unpaired surrogates. Pure and
 * thread-safe.
 */
public final class StrictUtf8 {
  private StrictUtf8() {
  }

  /** Text that is not a sequence of Unicode scalar values, so it has no UTF-8 form. */
  public static final class MalformedTextException extends IllegalArgumentException {
    MalformedTextException(String message) {
      super(message, null);
    }
  }

  /** Offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1 when all of them do. */
  public static int firstMalformed(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int length = sequenceLength(b, i);
      if (length < 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** {@code malformed UTF-8 at byte 1: C0 AF 62} (the bad offset and up to four bytes from it). */
  public static String describe(byte[] b, int offset) {
    StringBuilder s = new StringBuilder("malformed UTF-8 at byte ").append(offset).append(':');
    for (int i = offset; i < Math.min(b.length, offset + 4); i++) {
      s.append(' ').append(String.format("%02X", b[i] & 0xff));
    }
    return s.toString();
  }

  /** Length of the well-formed multi-byte sequence at {@code i}, or -1 (table 3-7 of the Unicode standard). */
  private static int sequenceLength(byte[] b, int i) {
    int c = b[i] & 0xff;
    int length;
    int min2 = 0x80;
    int max2 = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c == 0xE0) {
      length = 3;
      min2 = 0xA0;
    } else if (c == 0xED) {
      length = 3;
      max2 = 0x9F;
    } else if (c >= 0xE1 && c <= 0xEF) {
      length = 3;
    } else if (c == 0xF0) {
      length = 4;
      min2 = 0x90;
    } else if (c == 0xF4) {
      length = 4;
      max2 = 0x8F;
    } else if (c >= 0xF1 && c <= 0xF3) {
      length = 4;
    } else {
      return -1;
    }
    if (i + length > b.length || (b[i + 1] & 0xff) < min2 || (b[i + 1] & 0xff) > max2) {
      return -1;
    }
    for (int k = 2; k < length; k++) {
      int ck = b[i + k] & 0xff;
      if (ck < 0x80 || ck > 0xBF) {
        return -1;
      }
    }
    return length;
  }

  /** Encodes {@code text}; fails on an unpaired surrogate. */
  public static byte[] encode(String text) {
    int bad = firstUnpairedSurrogate(text);
    if (bad >= 0) {
      throw new MalformedTextException("not encodable as UTF-8: unpaired surrogate \\u"
          + Integer.toHexString(text.charAt(bad)) + " at index " + bad);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-16 index of the first surrogate that is not half of a pair, or -1. */
  public static int firstUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
