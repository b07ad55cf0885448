package dev.fp.contract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 without repairs. {@code new String(bytes, UTF_8)} and {@code String.getBytes(UTF_8)} silently replace what
 * they cannot code, and Jackson's byte parser decodes the overlong {@code C0 AF} to {@code /}; here malformed input
 * (overlong forms, truncated sequences, encoded surrogates, code points above U+10FFFF) and unpaired surrogates fail
 * with {@link MalformedTextException} naming the position. Thread-safe.
 */
public final class StrictUtf8 {
  private StrictUtf8() {
  }

  /** Text that is not valid UTF-8 (decoding) or not a sequence of Unicode scalar values (encoding). */
  public static final class MalformedTextException extends IllegalArgumentException {
    private final long position;

    MalformedTextException(String message, long position) {
      super(message, null);
      this.position = position;
    }

    /** Byte offset (decoding) or UTF-16 index (encoding) of the first bad unit. */
    public long position() {
      return position;
    }
  }

  /** Decodes {@code bytes}; a leading byte-order mark is not stripped (it decodes to U+FEFF). */
  public static String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      throw new MalformedTextException("malformed UTF-8 at byte " + in.position() + ": "
          + hex(bytes, in.position(), r.length()), in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Encodes {@code text}; fails on an unpaired surrogate. */
  public static byte[] encode(String text) {
    int bad = firstUnpairedSurrogate(text);
    if (bad >= 0) {
      throw new MalformedTextException("not encodable as UTF-8: unpaired surrogate \\u"
          + Integer.toHexString(text.charAt(bad)) + " at index " + bad, bad);
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

  private static String hex(byte[] bytes, int from, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < Math.min(bytes.length, from + Math.max(length, 1)); i++) {
      b.append(b.length() == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xff));
    }
    return b.toString();
  }
}
