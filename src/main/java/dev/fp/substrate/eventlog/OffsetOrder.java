package dev.fp.substrate.eventlog;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Orders offsets of one partition: file lines and Kinesis sequence numbers are decimal integers that grow with the
 * log (sequence numbers exceed a long), so they compare as numbers; anything else compares as text.
 */
public final class OffsetOrder {
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,200}");

  private OffsetOrder() {
  }

  /** Negative, zero or positive as {@code a} is before, at or after {@code b}. */
  public static int compare(String a, String b) {
    if (DECIMAL.matcher(a).matches() && DECIMAL.matcher(b).matches()) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    return a.compareTo(b);
  }

  /** True when {@code offset} (null = nothing processed) is at or after {@code target} (null = nothing to reach). */
  public static boolean reached(String offset, String target) {
    return target == null || offset != null && compare(offset, target) >= 0;
  }
}
