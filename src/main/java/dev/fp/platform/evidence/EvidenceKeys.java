package dev.fp.platform.evidence;

import java.util.regex.Pattern;

/** Object keys and refs of evidence records, and the checks on prefixes and ids. */
final class EvidenceKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:=-]+");
  static final String SEGMENTS = "/segments/part-";

  private EvidenceKeys() {
  }

  static void check(String prefix, String id) {
    if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("evidence: bad prefix '" + prefix + "' (no leading or trailing slash)");
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("evidence " + prefix + ": bad record id '" + id + "'");
    }
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
