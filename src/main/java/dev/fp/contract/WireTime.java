package dev.fp.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Epoch microseconds to and from wire timestamps ({@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, 27 ASCII bytes) without
 * allocation on the hot path. {@link #parseMicros} also accepts what a SQL {@code CAST(x AS TIMESTAMP)} would (an
 * offset, fewer fraction digits, a space instead of {@code T}, no zone meaning UTC) through a slower path.
 */
public final class WireTime {
  public static final int LENGTH = 27;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private WireTime() {
  }

  /** Microseconds since the epoch of a timestamp string held in {@code bytes}. */
  public static long parseMicros(ByteBuffer bytes) {
    if (bytes.hasArray() && bytes.remaining() == LENGTH) {
      long micros = parseCanonical(bytes.array(), bytes.arrayOffset() + bytes.position());
      if (micros != Long.MIN_VALUE) {
        return micros;
      }
    }
    int p = bytes.position();
    if (bytes.remaining() == LENGTH && isCanonical(bytes, p)) {
      long days = daysFromCivil(digits(bytes, p, 4), digits(bytes, p + 5, 2), digits(bytes, p + 8, 2));
      long seconds = digits(bytes, p + 11, 2) * 3600L + digits(bytes, p + 14, 2) * 60L + digits(bytes, p + 17, 2);
      return days * MICROS_PER_DAY + seconds * 1_000_000L + digits(bytes, p + 20, 6);
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return parseMicros(new String(copy, StandardCharsets.UTF_8));
  }

  /** The micros of the canonical 27-byte form at {@code a[at..]}, or {@code Long.MIN_VALUE} if it is not one. */
  static long parseCanonical(byte[] a, int at) {
    if (a[at + 4] != '-' || a[at + 7] != '-' || a[at + 10] != 'T' || a[at + 13] != ':' || a[at + 16] != ':'
        || a[at + 19] != '.' || a[at + 26] != 'Z') {
      return Long.MIN_VALUE;
    }
    long year = num(a, at, 4);
    long month = num(a, at + 5, 2);
    long day = num(a, at + 8, 2);
    long hour = num(a, at + 11, 2);
    long minute = num(a, at + 14, 2);
    long second = num(a, at + 17, 2);
    long micros = num(a, at + 20, 6);
    if ((year | month | day | hour | minute | second | micros) < 0 || month < 1 || month > 12 || day < 1
        || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return Long.MIN_VALUE;
    }
    return daysFromCivil(year, month, day) * MICROS_PER_DAY + (hour * 3600 + minute * 60 + second) * 1_000_000L
        + micros;
  }

  /**
   * The micros of a canonical string naming a real calendar day, or {@code Long.MIN_VALUE} (the slow path then decides):
   * WSP parses every row's ts_utc, and {@code OffsetDateTime.parse} was a quarter of its envelope building.
   */
  private static long parseCanonical(String text) {
    byte[] a = text.getBytes(StandardCharsets.ISO_8859_1);
    long micros = parseCanonical(a, 0);
    if (micros == Long.MIN_VALUE || num(a, 8, 2) > lengthOfMonth(num(a, 0, 4), num(a, 5, 2))) {
      return Long.MIN_VALUE;
    }
    return micros;
  }

  private static long lengthOfMonth(long year, long month) {
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Decimal digits {@code a[at..at+n)}, or -1 if one is not a digit. */
  private static long num(byte[] a, int at, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      int d = a[at + i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  public static long parseMicros(String text) {
    if (text.length() == LENGTH) {
      long micros = parseCanonical(text);
      if (micros != Long.MIN_VALUE) {
        return micros;
      }
    }
    String t = text.trim().replace(' ', 'T');
    try {
      return toMicros(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return toMicros(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a timestamp: \"" + text + "\"");
      }
    }
  }

  public static long toMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The wire form of {@code micros}, as 27 ASCII bytes. */
  public static byte[] format(long micros) {
    byte[] out = new byte[LENGTH];
    formatInto(micros, out);
    return out;
  }

  /** Writes the wire form of {@code micros} into {@code out[0..27)}. */
  public static void formatInto(long micros, byte[] out) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long inDay = Math.floorMod(micros, MICROS_PER_DAY);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, month, 2);
    out[7] = '-';
    put(out, 8, day, 2);
    out[10] = 'T';
    long seconds = inDay / 1_000_000L;
    put(out, 11, seconds / 3600, 2);
    out[13] = ':';
    put(out, 14, seconds / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, seconds % 60, 2);
    out[19] = '.';
    put(out, 20, inDay % 1_000_000L, 6);
    out[26] = 'Z';
  }

  public static String formatString(long micros) {
    return new String(format(micros), StandardCharsets.US_ASCII);
  }

  static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static boolean isCanonical(ByteBuffer b, int p) {
    return b.get(p + 4) == '-' && b.get(p + 7) == '-' && b.get(p + 10) == 'T' && b.get(p + 13) == ':'
        && b.get(p + 16) == ':' && b.get(p + 19) == '.' && b.get(p + 26) == 'Z' && allDigits(b, p)
        && digits(b, p + 5, 2) >= 1 && digits(b, p + 5, 2) <= 12 && digits(b, p + 8, 2) >= 1
        && digits(b, p + 8, 2) <= 31 && digits(b, p + 11, 2) < 24 && digits(b, p + 14, 2) < 60
        && digits(b, p + 17, 2) < 60;
  }

  private static boolean allDigits(ByteBuffer b, int p) {
    for (int i = 0; i < LENGTH; i++) {
      if (i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19 || i == 26) {
        continue;
      }
      byte c = b.get(p + i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long digits(ByteBuffer b, int at, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v * 10 + (b.get(at + i) - '0');
    }
    return v;
  }

  private static void put(byte[] out, int at, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
