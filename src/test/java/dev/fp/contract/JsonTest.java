package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON setup: what it refuses and which Java types it reads numbers as. */
class JsonTest {
  @Test
  void shouldRefuseAKeyTwiceInOneObject() {
    assertThatThrownBy(() -> Json.readObject("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}")).isInstanceOf(IOException.class)
        .hasMessageContaining("Duplicate field 'c'");
    assertThatThrownBy(() -> Json.readYamlObject("a: 1\na: 2\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void shouldRefuseTrailingTokensNaNAndNonObjects() {
    assertThatThrownBy(() -> Json.readObject("{\"a\":1} x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.readObject("{\"a\":NaN}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.readObject("[1]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.readObject("null")).isInstanceOf(IOException.class)
        .hasMessage("expected a JSON object, got null");
  }

  @Test
  void shouldReadIntegersByTheirSizeAndEveryFractionAsADouble() throws IOException {
    Map<String, Object> m = Json.readObject("{\"i\":1,\"l\":12345678901,\"b\":12345678901234567890,\"f\":1.0,"
        + "\"e\":1e-05}");

    assertThat(m).containsEntry("i", 1).containsEntry("l", 12345678901L)
        .containsEntry("b", new BigInteger("12345678901234567890")).containsEntry("f", 1.0).containsEntry("e", 1e-5);
    assertThat(CanonicalJson.write(m)).isEqualTo("{\"b\":12345678901234567890,\"e\":1e-05,\"f\":1.0,\"i\":1,"
        + "\"l\":12345678901}");
  }

  @Test
  void shouldWriteArtifactsSortedAsciiAndIndentedAndLinesCompactInMapOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "\u00e9");
    m.put("a", List.of(1));

    assertThat(Json.writePretty(m)).isEqualTo("{\n  \"a\" : [ 1 ],\n  \"z\" : \"\\u00E9\"\n}");
    assertThat(Json.writeSortedLine(m)).isEqualTo("{\"a\":[1],\"z\":\"\\u00E9\"}");
    assertThat(Json.write(m)).isEqualTo("{\"z\":\"\u00e9\",\"a\":[1]}");
  }
}
