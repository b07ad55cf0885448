package dev.fp.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Json;
import dev.fp.contract.JsonValues;

import java.util.Map;

/**
 * A stable hash of the effective configuration (after env substitution). A run remembers it so a restart can refuse
 * to resume under an incompatible configuration.
 */
public final class ConfigDigest {
  private ConfigDigest() {
  }

  public static String of(PlatformConfig cfg) {
    Map<String, Object> tree = Json.toObject(cfg);
    tree.remove("confDir");
    JsonNode components = cfg.components().tree();
    tree.put("components", components.isMissingNode() ? null : JsonValues.plain(components));
    return Hashing.sha256Hex(CanonicalJson.write(withoutDirectorySlash(tree)));
  }

  /**
   * Paths serialise as {@code file:} URIs, and {@code Path.toUri()} ends one with "/" only while the directory
   * exists: the first run of a fresh folder recorded another digest than its resume computed, and every resume was
   * refused as "configuration changed".
   */
  @SuppressWarnings("unchecked")
  static Object withoutDirectorySlash(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, withoutDirectorySlash(v)));
      return out;
    }
    if (value instanceof java.util.List<?> l) {
      return l.stream().map(ConfigDigest::withoutDirectorySlash).toList();
    }
    if (value instanceof String s && s.startsWith("file:") && s.length() > "file:///".length() && s.endsWith("/")) {
      return s.substring(0, s.length() - 1);
    }
    return value;
  }
}
