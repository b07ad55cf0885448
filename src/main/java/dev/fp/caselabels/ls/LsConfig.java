package dev.fp.caselabels.ls;

import dev.fp.config.ConfigNode;

import java.time.Duration;
import java.util.Set;

/**
 * {@code components.ls}: the taxonomy file (relative to the profile's folder; bundled in the jar), how often the
 * health artifacts are rewritten, the lease TTL (one live Label Store per run), and the most assertions one write
 * request may carry (one StateStore batch).
 */
public record LsConfig(String taxonomyFile, Duration artifactsInterval, Duration leaseTtl, int maxAssertionsPerWrite) {
  public static final String DEFAULT_TAXONOMY_FILE = "ls/taxonomy_v0.yaml";

  public static LsConfig from(ConfigNode n) {
    n.allowOnly(Set.of("taxonomy_file", "artifacts_interval_ms", "lease_ttl_ms", "max_assertions_per_write"));
    return new LsConfig(n.optString("taxonomy_file", DEFAULT_TAXONOMY_FILE),
        Duration.ofMillis(n.integer("artifacts_interval_ms", 2_000, 100, 600_000)),
        Duration.ofMillis(n.integer("lease_ttl_ms", 15_000, 1_000, 600_000)),
        n.integer("max_assertions_per_write", 1_000, 1, 10_000));
  }
}
