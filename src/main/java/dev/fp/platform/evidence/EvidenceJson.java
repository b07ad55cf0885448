package dev.fp.platform.evidence;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Json;

import java.io.IOException;
import java.util.Map;

/** Record bytes: canonical JSON plus a newline (the reference's object-store form), and the way back. */
final class EvidenceJson {
  private EvidenceJson() {
  }

  static byte[] line(Map<String, ?> record) {
    return CanonicalJson.lineBytes(record);
  }

  static Map<String, Object> parse(String where, byte[] bytes, int offset, int length) {
    try {
      return Json.readObject(bytes, offset, length);
    } catch (IOException e) {
      throw new IllegalStateException("evidence " + where + ": stored record is not a JSON object: " + e.getMessage(), e);
    }
  }
}
