package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-01-01T00:00:60.000000Z | second 60 outside 00..59",
      "0000-01-01T00:00:01.000000Z | year 0000 outside 0001..9999",
      "2026-13-01T00:00:01.000000Z | month 13 outside 01..12",
      "2026-00-01T00:00:01.000000Z | month 00 outside 01..12",
      "2026-02-30T00:00:01.000000Z | day 30 outside 01..28 for 2026-02",
      "2026-04-31T00:00:01.000000Z | day 31 outside 01..30 for 2026-04",
      "2026-01-00T00:00:01.000000Z | day 00 outside 01..31 for 2026-01",
      "2026-01-01T24:00:00.000000Z | hour 24 outside 00..23",
      "2026-01-01T00:60:00.000000Z | minute 60 outside 00..59",
      "1900-02-29T00:00:00.000000Z | day 29 outside 01..28 for 1900-02"})
  void wireShapedStringsThatAreNotCalendarInstantsSayWhy(String wire, String problem) {
    assertThat(Timestamps.calendarProblem(wire)).isEqualTo(problem);
    assertThat(Timestamps.isWireInstant(wire)).isFalse();
    assertThatThrownBy(() -> Timestamps.parse(wire)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-29T23:59:59.999999Z", "2000-02-29T00:00:00.000000Z", "0001-01-01T00:00:00.000000Z",
      "9999-12-31T23:59:59.999999Z", "2026-12-06T17:00:44.123456Z"})
  void calendarInstantsPass(String wire) {
    assertThat(Timestamps.calendarProblem(wire)).isNull();
    assertThat(Timestamps.isWireInstant(wire)).isTrue();
    assertThat(Timestamps.format(Timestamps.parse(wire))).isEqualTo(wire);
  }

  @Test
  void parseRefusesOtherShapes() {
    assertThatThrownBy(() -> Timestamps.parse("2026-01-01T00:00:01Z")).hasMessageContaining("not a YYYY-MM-DD");
    assertThat(Timestamps.parse("1970-01-01T00:00:01.000001Z")).isEqualTo(Instant.ofEpochSecond(1, 1000));
  }
}
