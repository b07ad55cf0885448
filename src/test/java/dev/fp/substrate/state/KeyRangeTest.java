package dev.fp.substrate.state;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRangeTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldEndAPrefixRangeAtTheNextPrefix() {
    assertThat(KeyRange.prefix(HEX.parseHex("0a0b"))).isEqualTo(KeyRange.between(HEX.parseHex("0a0b"), HEX.parseHex("0a0c")));
    assertThat(KeyRange.prefix(HEX.parseHex("0aff"))).isEqualTo(KeyRange.between(HEX.parseHex("0aff"), HEX.parseHex("0b")));
    assertThat(KeyRange.prefix(HEX.parseHex("7fffff"))).isEqualTo(KeyRange.between(HEX.parseHex("7fffff"), HEX.parseHex("80")));
    assertThat(KeyRange.prefix(HEX.parseHex("ffff"))).isEqualTo(KeyRange.between(HEX.parseHex("ffff"), null));
    assertThat(KeyRange.prefix(new byte[0])).isEqualTo(KeyRange.all());
  }

  @Test
  void shouldResumeJustAfterTheLastKeyKeepingTheEnd() {
    KeyRange r = KeyRange.between(HEX.parseHex("01"), HEX.parseHex("05"));

    assertThat(r.after(HEX.parseHex("0302"))).isEqualTo(KeyRange.between(HEX.parseHex("030200"), HEX.parseHex("05")));
    assertThat(r.contains(HEX.parseHex("01"))).isTrue();
    assertThat(r.contains(HEX.parseHex("05"))).isFalse();
    assertThat(r.toString()).isEqualTo("[01, 05)");
  }

  @Test
  void shouldStoreHexStringsAsTheirBytes() {
    KeyCodec<String> hex = KeyCodec.hex();
    String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    assertThat(hex.encode(sha)).hasSize(32);
    assertThat(hex.decode(hex.encode(sha.toUpperCase()))).isEqualTo(sha);
    assertThatThrownBy(() -> hex.encode("xyz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseBadTableNames() {
    assertThatThrownBy(() -> Table.untyped("Upper")).hasMessageContaining("got \"Upper\"");
    assertThatThrownBy(() -> Table.untyped("_checkpoints")).hasMessageContaining("got \"_checkpoints\"");
    assertThatThrownBy(() -> Table.untyped("default")).hasMessageContaining("not be default");
    assertThatThrownBy(() -> Table.untyped("a".repeat(42))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Table.untyped("ig_admissions").name()).isEqualTo("ig_admissions");
  }
}
