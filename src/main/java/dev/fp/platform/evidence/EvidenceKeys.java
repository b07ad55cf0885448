package dev.fp.platform.evidence;

/** Object keys and refs of evidence records, and the checks on prefixes and ids. */
final class EvidenceKeys {
  static final String SEGMENTS = "/segments/part-";

  private EvidenceKeys() {
  }

  static void check(String prefix, String id) {
    if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("evidence: bad prefix '" + prefix + "' (no leading or trailing slash)");
    }
    if (!isId(id)) {
      throw new IllegalArgumentException("evidence " + prefix + ": bad record id '" + id + "'");
    }
  }

  /** {@code [A-Za-z0-9._:=-]+}, checked per record write: a loop, not a regex. */
  private static boolean isId(String id) {
    if (id == null || id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
          || c == ':' || c == '=' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String objectKey(String prefix, String id) {
    return prefix + "/" + id + ".json";
  }

  static String segmentKey(String prefix, long seq) {
    return prefix + SEGMENTS + String.format("%06d", seq) + ".jsonl";
  }

  static String lineRef(String segmentUri, int lineNo) {
    return segmentUri + "#L" + lineNo;
  }
}
