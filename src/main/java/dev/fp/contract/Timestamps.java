package dev.fp.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Wire timestamps: {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (exactly six fractional digits, literal Z), UTC, naming a real
 * calendar instant: year 0001..9999, month 01..12, a day the month has, hour 00..23, minute and second 00..59. The
 * shape alone lets through strings such as second 60, hour 24, month 13, February 30 or year 0000, which Python's
 * {@code datetime} (every downstream parser of the reference) and {@link Instant} refuse or read differently.
 */
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

  /** True when {@code text} has the wire shape and names a calendar instant. */
  public static boolean isWireInstant(String text) {
    return WireFormats.isMicrosTimestamp(text) && calendarProblem(text) == null;
  }

  /**
   * Why a string of the wire shape is not a calendar instant (e.g. {@code "second 60 outside 00..59"}), or null when
   * it is one. Call only on strings that passed {@link WireFormats#isMicrosTimestamp}.
   */
  public static String calendarProblem(String wire) {
    int year = digits(wire, 0, 4);
    int month = digits(wire, 5, 2);
    int day = digits(wire, 8, 2);
    if (year < 1) {
      return "year " + wire.substring(0, 4) + " outside 0001..9999";
    }
    if (month < 1 || month > 12) {
      return "month " + wire.substring(5, 7) + " outside 01..12";
    }
    int monthDays = daysIn(year, month);
    if (day < 1 || day > monthDays) {
      return "day " + wire.substring(8, 10) + " outside 01.." + monthDays + " for " + wire.substring(0, 7);
    }
    String time = outside(wire, 11, "hour", 23);
    if (time == null) {
      time = outside(wire, 14, "minute", 59);
    }
    return time != null ? time : outside(wire, 17, "second", 59);
  }

  /**
   * Parses a wire timestamp; throws {@link IllegalArgumentException} when it is not in the exact wire form or not a
   * calendar instant.
   */
  public static Instant parse(String text) {
    if (text == null || !WireFormats.isMicrosTimestamp(text)) {
      throw new IllegalArgumentException("not a YYYY-MM-DDTHH:MM:SS.ffffffZ timestamp: " + text);
    }
    String problem = calendarProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("not a calendar instant: " + text + " (" + problem + ")");
    }
    return Instant.parse(text);
  }

  private static String outside(String wire, int at, String unit, int max) {
    int v = digits(wire, at, 2);
    return v > max ? unit + " " + wire.substring(at, at + 2) + " outside 00.." + max : null;
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
