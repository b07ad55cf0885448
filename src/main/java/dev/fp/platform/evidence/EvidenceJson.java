package dev.fp.platform.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fp.contract.CanonicalJson;

import java.io.IOException;
import java.util.Map;

/** Record bytes: canonical JSON plus a newline (the reference's object-store form), and the way back. */
final class EvidenceJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private EvidenceJson() {
  }

  static byte[] line(Map<String, ?> record) {
    return CanonicalJson.lineBytes(record);
  }

  static Map<String, Object> parse(String where, byte[] bytes, int offset, int length) {
    try {
      return JSON.readValue(bytes, offset, length, MAP);
    } catch (IOException e) {
      throw new IllegalStateException("evidence " + where + ": stored record is not a JSON object: " + e.getMessage(), e);
    }
  }
}
