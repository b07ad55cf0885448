package dev.fp.contract;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTimeTest {
  /** The canonical text's range, where {@link WireTime#parseMicros(String)} takes its fast path. */
  private static final long YEAR_0 = -62_167_219_200_000_000L;
  private static final long YEAR_10000 = 253_402_300_800_000_000L;

  @Test
  void shouldRoundTripCanonicalTimestampsAgainstJavaTime() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      long micros = r.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L);
      String text = WireTime.formatString(micros);
      assertThat(text).isEqualTo(dev.fp.contract.Timestamps.format(WireTime.toInstant(micros)));
      assertThat(parse(text)).isEqualTo(micros);
      if (micros >= YEAR_0 && micros < YEAR_10000) {
        assertThat(WireTime.parseMicros(text)).as(text).isEqualTo(micros)
            .isEqualTo(WireTime.toMicros(java.time.OffsetDateTime.parse(text).toInstant()));
      }
    }
  }

  @Test
  void shouldReadCanonicalTextAsJavaTimeDoesIncludingDaysAMonthHasNot() {
    assertThat(WireTime.parseMicros("2024-02-29T23:59:59.999999Z"))
        .isEqualTo(WireTime.toMicros(Instant.parse("2024-02-29T23:59:59.999999Z")));
    assertThatThrownBy(() -> WireTime.parseMicros("2026-02-29T00:00:00.000000Z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a timestamp");
    assertThatThrownBy(() -> WireTime.parseMicros("2026-01-01T24:00:00.000000Z"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAcceptWhatASqlTimestampCastAccepts() {
    long expected = WireTime.toMicros(Instant.parse("2026-01-01T10:00:00.5Z"));
    assertThat(parse("2026-01-01T10:00:00.5Z")).isEqualTo(expected);
    assertThat(parse("2026-01-01 10:00:00.500000")).isEqualTo(expected);
    assertThat(parse("2026-01-01T11:00:00.500+01:00")).isEqualTo(expected);
  }

  @Test
  void shouldRejectTextThatIsNoTimestamp() {
    assertThatThrownBy(() -> parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theStringParserTakesLeapDaysAndRefusesImpossibleDays() {
    for (String leapDay : List.of("2000-02-29T00:00:00.000000Z", "2024-02-29T23:59:59.999999Z")) {
      assertThat(WireTime.parseMicros(leapDay)).isEqualTo(WireTime.toMicros(Instant.parse(leapDay)));
    }
    for (String bad : List.of("2026-02-29T00:00:00.000000Z", "1900-02-29T00:00:00.000000Z", "2026-04-31T00:00:00.000000Z",
        "2026-02-30T00:00:00.000000Z", "2026-13-01T00:00:00.000000Z", "2026-01-00T00:00:00.000000Z",
        "2026-01-01T24:00:00.000000Z", "2026-01-01T23:60:00.000000Z", "2026-01-01T23:59:60.000000Z",
        "2026-01-01T00:00:00.00000\u0663Z")) {
      assertThatThrownBy(() -> WireTime.parseMicros(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static long parse(String text) {
    return WireTime.parseMicros(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
  }
}
