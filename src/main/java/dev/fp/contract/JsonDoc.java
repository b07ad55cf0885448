package dev.fp.contract;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Reads JSON/YAML documents as maps and writes the object-store form (canonical JSON + newline). */
public final class JsonDoc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private JsonDoc() {
  }

  /** The JSON object in {@code bytes}, or empty when it is not a JSON object. */
  public static Optional<Map<String, Object>> parse(byte[] bytes) {
    try {
      return Optional.ofNullable(JSON.readValue(bytes, MAP));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static Optional<Map<String, Object>> parseYaml(byte[] bytes) {
    try {
      return Optional.ofNullable(YAML.readValue(bytes, MAP));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static byte[] write(Map<String, Object> doc) {
    return CanonicalJson.lineBytes(doc);
  }
}
