package dev.fp.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;

import java.util.Map;

/**
 * A stable hash of the effective configuration (after env substitution). A run remembers it so a restart can refuse
 * to resume under an incompatible configuration.
 */
public final class ConfigDigest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigDigest() {
  }

  @SuppressWarnings("unchecked")
  public static String of(PlatformConfig cfg) {
    Map<String, Object> tree = JSON.convertValue(cfg, Map.class);
    tree.remove("confDir");
    tree.put("components", cfg.components().raw());
    return Hashing.sha256Hex(CanonicalJson.write(tree));
  }
}
