package dev.fp.oracle.core;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored stream-sort receipts carry these hashes: the array and buffer paths must agree and the values never move. */
class Hash64Test {

  @Test
  void shouldHashAnArraySliceLikeTheSameBytesInAHeapOrDirectBuffer() {
    Random r = new Random(7);
    for (int length = 0; length <= 70; length++) {
      byte[] a = new byte[length + 11];
      r.nextBytes(a);
      int at = r.nextInt(11);
      ByteBuffer direct = ByteBuffer.allocateDirect(length);
      direct.put(a, at, length).flip();
      long fromArray = Hash64.bytes(a, at, length);
      assertThat(Hash64.bytes(direct)).as("length %d", length).isEqualTo(fromArray);
      assertThat(Hash64.bytes(ByteBuffer.wrap(a, at, length))).as("length %d", length).isEqualTo(fromArray);
    }
  }

  @Test
  void shouldKeepItsValues() {
    byte[] text = "manifest_fingerprint=c8fd43cd60ce0ede".getBytes(StandardCharsets.US_ASCII);
    assertThat(Hash64.bytes(text, 0, text.length)).isEqualTo(PINNED);
  }

  /** Computed by the byte-at-a-time implementation this class had before it read whole words. */
  private static final long PINNED = -6648320500804791173L;
}
