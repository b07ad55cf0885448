package dev.fp.contract;

/**
 * Exact-shape checks for the fixed-format wire strings, written as character loops (they run per admitted event).
 * ASCII digits only: unlike Python's {@code \d}, no other Unicode digits, and no trailing newline before {@code $}.
 */
public final class WireFormats {
  private static final String MICROS_TIMESTAMP = "0000-00-00T00:00:00.000000Z";
  private static final String PLATFORM_RUN_ID = "platform_00000000T000000Z";

  private WireFormats() {
  }

  /** {@code ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$}. */
  public static boolean isMicrosTimestamp(String s) {
    return matchesTemplate(s, MICROS_TIMESTAMP);
  }

  /** {@code ^platform_[0-9]{8}T[0-9]{6}Z$}. */
  public static boolean isPlatformRunId(String s) {
    return matchesTemplate(s, PLATFORM_RUN_ID);
  }

  /** {@code ^[a-f0-9]{length}$} (lower-case only). */
  public static boolean isHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  public static boolean isHex64(String s) {
    return isHex(s, 64);
  }

  public static boolean isHex32(String s) {
    return isHex(s, 32);
  }

  /** '0' in the template stands for any ASCII digit; every other character must match literally. */
  private static boolean matchesTemplate(String s, String template) {
    if (s == null || s.length() != template.length()) {
      return false;
    }
    for (int i = 0; i < template.length(); i++) {
      char t = template.charAt(i);
      char c = s.charAt(i);
      if (t == '0' ? c < '0' || c > '9' : c != t) {
        return false;
      }
    }
    return true;
  }
}
