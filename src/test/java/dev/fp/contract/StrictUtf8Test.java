package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictUtf8Test {

  private static byte[] bytes(String hex) {
    return HexFormat.ofDelimiter(" ").parseHex(hex);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "overlong slash          | 61 C0 AF 62    | 1 | C0 AF 62",
      "overlong 3-byte NUL     | E0 80 80       | 0 | E0 80 80",
      "truncated 3-byte        | 61 E2 82       | 1 | E2 82",
      "UTF-8-encoded surrogate | ED A0 80       | 0 | ED A0 80",
      "above U+10FFFF          | F4 90 80 80    | 0 | F4 90 80 80",
      "lead F5                 | F5 80 80 80    | 0 | F5 80 80 80",
      "lone continuation       | 61 80          | 1 | 80",
      "bad second continuation | E2 82 41       | 0 | E2 82 41",
      "invalid lead byte       | FF             | 0 | FF"})
  void malformedUtf8IsFoundAtItsByteOffset(String name, String hex, int offset, String shown) {
    byte[] b = bytes(hex);
    assertThat(StrictUtf8.firstMalformed(b)).isEqualTo(offset);
    assertThat(StrictUtf8.describe(b, offset)).isEqualTo("malformed UTF-8 at byte " + offset + ": " + shown);
  }

  @Test
  void wellFormedUtf8PassesAsTheJdkDecodesIt() {
    for (String text : new String[] {"", "a/é€😀\uFEFF", "\u0080\u07ff\u0800\ud7ff\ue000\uffff", "\ud800\udc00\udbff\udfff"}) {
      assertThat(StrictUtf8.firstMalformed(text.getBytes(StandardCharsets.UTF_8))).as(text).isEqualTo(-1);
    }
  }

  @Test
  void encodingRefusesUnpairedSurrogatesThatGetBytesWouldTurnIntoQuestionMarks() {
    assertThat("ab\ud800cd".getBytes(StandardCharsets.UTF_8)).containsExactly('a', 'b', '?', 'c', 'd');
    assertThatThrownBy(() -> StrictUtf8.encode("ab\ud800cd"))
        .hasMessage("not encodable as UTF-8: unpaired surrogate \\ud800 at index 2");
    assertThatThrownBy(() -> StrictUtf8.encode("x\udc00")).hasMessageContaining("\\udc00 at index 1");
    assertThat(StrictUtf8.encode("😀")).isEqualTo("😀".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void firstUnpairedSurrogateSkipsPairs() {
    assertThat(StrictUtf8.firstUnpairedSurrogate("😀😀")).isEqualTo(-1);
    assertThat(StrictUtf8.firstUnpairedSurrogate("😀\ud83d")).isEqualTo(2);
    assertThat(StrictUtf8.firstUnpairedSurrogate("\ude00\ud83d\ude00")).isEqualTo(0);
  }
}
