package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The wire timestamp form {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (ARCHITECTURE §5), against literal strings. */
class TimestampsFormatTest {
  @Test
  void shouldWriteSixFractionDigitsAndZEvenForWholeSeconds() {
    assertThat(Timestamps.format(Instant.ofEpochSecond(1_767_225_600L))).isEqualTo("2026-01-01T00:00:00.000000Z");
  }

  @Test
  void shouldTruncateNanosecondsToMicrosecondsNotRound() {
    assertThat(Timestamps.format(Instant.ofEpochSecond(1_767_225_600L, 123_456_999L)))
        .isEqualTo("2026-01-01T00:00:00.123456Z");
  }

  @Test
  void shouldWriteUtcWhateverTheClockZone() {
    Clock paris = Clock.fixed(Instant.ofEpochSecond(1_770_715_191L, 7_000L), ZoneId.of("Europe/Paris"));

    assertThat(Timestamps.now(paris)).isEqualTo("2026-02-10T09:19:51.000007Z");
  }

  @Test
  void shouldKeepFourDigitYearsAtTheEpochAndLeapDays() {
    assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
    assertThat(Timestamps.format(Instant.ofEpochSecond(1_709_251_199L, 999_999_000L)))
        .isEqualTo("2024-02-29T23:59:59.999999Z");
  }

  @Test
  void shouldParseWhatItFormats() {
    assertThat(Timestamps.parse("2026-02-10T09:19:51.000007Z")).isEqualTo(Instant.ofEpochSecond(1_770_715_191L, 7_000L));
  }
}
