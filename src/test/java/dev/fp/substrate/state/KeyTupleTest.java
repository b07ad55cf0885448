package dev.fp.substrate.state;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyTupleTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldEncodeStringsEscapedAndTerminatedAndLongsSignFlippedBigEndian() {
    assertThat(HEX.formatHex(KeyTuple.of("a\u0000b"))).isEqualTo("6100ff620001");
    assertThat(HEX.formatHex(KeyTuple.of(-1L))).isEqualTo("7fffffffffffffff");
    assertThat(HEX.formatHex(KeyTuple.of(0L))).isEqualTo("8000000000000000");
    assertThat(HEX.formatHex(KeyTuple.of("r", 1))).isEqualTo("7200018000000000000001");
    assertThat(HEX.formatHex(KeyTuple.of(new byte[] {0, (byte) 0xFF}))).isEqualTo("00ffff0001");
  }

  @Test
  void shouldOrderEncodingsAsTuples() {
    Object[][] ordered = {{"", 5L}, {"a", Long.MIN_VALUE}, {"a", -1L}, {"a", 0L}, {"a", 1L}, {"a", Long.MAX_VALUE},
        {"a\u0000", 0L}, {"a\u0001", 0L}, {"ab", -9L}, {"b", 0L}};
    for (int i = 1; i < ordered.length; i++) {
      assertThat(Arrays.compareUnsigned(KeyTuple.of(ordered[i - 1]), KeyTuple.of(ordered[i])))
          .as("%s < %s", Arrays.toString(ordered[i - 1]), Arrays.toString(ordered[i])).isNegative();
    }
  }

  @Test
  void shouldMakeATuplePrefixAByteprefix() {
    byte[] whole = KeyTuple.of("run", "topic", 3L);
    byte[] prefix = KeyTuple.of("run", "topic");

    assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
    assertThat(KeyRange.prefix(prefix).contains(whole)).isTrue();
    assertThat(KeyRange.prefix(prefix).contains(KeyTuple.of("run", "topicX", 3L))).isFalse();
  }

  @Test
  void shouldReadBackEveryPart() {
    KeyTuple.Reader r = KeyTuple.reader(KeyTuple.of("r\u0000un", -42L, new byte[] {0, 1, (byte) 0xFF}, 7));

    assertThat(r.string()).isEqualTo("r\u0000un");
    assertThat(r.int64()).isEqualTo(-42L);
    assertThat(r.bytes()).containsExactly(0, 1, 0xFF);
    assertThat(r.int64()).isEqualTo(7L);
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void shouldRefuseMalformedAndUnsupportedParts() {
    assertThatThrownBy(() -> KeyTuple.reader(HEX.parseHex("6100")).string())
        .hasMessage("malformed key tuple at byte 2: ends early");
    assertThatThrownBy(() -> KeyTuple.reader(HEX.parseHex("610002")).string())
        .hasMessage("malformed key tuple at byte 3: 0x00 followed by 0x2");
    assertThatThrownBy(() -> KeyTuple.of(1.5)).hasMessage("key tuple part must be a String, byte[], Integer or Long, got Double");
  }
}
