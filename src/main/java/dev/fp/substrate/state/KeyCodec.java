package dev.fp.substrate.state;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Turns a table's keys into bytes and back. Keys sort by the unsigned lexicographic order of these bytes on every
 * adapter, so a codec that should give a meaningful order (tuples, numbers) has to produce order-preserving bytes;
 * {@link KeyTuple} does that for composite keys.
 */
public interface KeyCodec<K> {

  byte[] encode(K key);

  K decode(byte[] bytes);

  /** A codec from two functions (typically built with {@link KeyTuple}). */
  static <K> KeyCodec<K> of(Function<K, byte[]> encoder, Function<byte[], K> decoder) {
    return new KeyCodec<>() {
      @Override
      public byte[] encode(K key) { return encoder.apply(key); }

      @Override
      public K decode(byte[] bytes) { return decoder.apply(bytes); }
    };
  }

  /** Strings as their UTF-8 bytes (byte order = code point order). */
  static KeyCodec<String> utf8() {
    return of(s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));
  }

  /** Raw bytes, unchanged. */
  static KeyCodec<byte[]> bytes() {
    return of(b -> b, b -> b);
  }

  /**
   * Hex strings stored as the bytes they spell (a SHA-256 hex digest becomes 32 bytes); decodes to lower case. A
   * string that is not hex fails with {@link IllegalArgumentException}.
   */
  static KeyCodec<String> hex() {
    HexFormat hex = HexFormat.of();
    return of(hex::parseHex, hex::formatHex);
  }
}
