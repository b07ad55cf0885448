package dev.fp.contract;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Object-store documents: read as maps through {@link Json} (empty when the bytes are not a JSON/YAML object, for
 * callers that treat that as "absent or foreign"), written in the object-store form (canonical JSON + newline).
 */
public final class JsonDoc {
  private JsonDoc() {
  }

  /** The JSON object in {@code bytes}, or empty when it is not a JSON object. */
  public static Optional<Map<String, Object>> parse(byte[] bytes) {
    try {
      return Optional.of(Json.readObject(bytes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static Optional<Map<String, Object>> parseYaml(byte[] bytes) {
    try {
      return Optional.of(Json.readYamlObject(bytes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static byte[] write(Map<String, Object> doc) {
    return CanonicalJson.lineBytes(doc);
  }
}
