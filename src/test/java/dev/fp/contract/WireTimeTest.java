package dev.fp.contract;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTimeTest {

  @Test
  void shouldRoundTripCanonicalTimestampsAgainstJavaTime() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      long micros = r.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L);
      String text = WireTime.formatString(micros);
      assertThat(text).isEqualTo(dev.fp.contract.Timestamps.format(WireTime.toInstant(micros)));
      assertThat(parse(text)).isEqualTo(micros);
      assertThat(WireTime.parseMicros(text)).isEqualTo(micros);
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

  private static long parse(String text) {
    return WireTime.parseMicros(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
  }
}
