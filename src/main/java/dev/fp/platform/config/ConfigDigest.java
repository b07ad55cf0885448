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
    return Hashing.sha256Hex(CanonicalJson.write(tree));
  }
}
