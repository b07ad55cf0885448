package dev.fp.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Wire timestamps: {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (exactly six fractional digits, literal Z), UTC. */
public final class Timestamps {
  public static final String PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$";
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {
  }

  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  public static String now(Clock clock) {
    return format(clock.instant());
  }

  public static String nowUtc() {
    return now(Clock.systemUTC());
  }

  /** Parses a wire timestamp; throws {@link IllegalArgumentException} when it is not in the exact wire form. */
  public static Instant parse(String text) {
    if (text == null || !text.matches(PATTERN)) {
      throw new IllegalArgumentException("not a YYYY-MM-DDTHH:MM:SS.ffffffZ timestamp: " + text);
    }
    return Instant.parse(text);
  }
}
