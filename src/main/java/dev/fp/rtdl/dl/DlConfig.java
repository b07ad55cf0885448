package dev.fp.rtdl.dl;

import dev.fp.config.ConfigNode;

import java.time.Duration;
import java.util.Set;

/**
 * {@code components.dl}: how often the ladder evaluates, its consumer-group lease TTL (one live ladder per run), and
 * the policy file (relative to the profile's folder; bundled in the jar).
 */
public record DlConfig(Duration pollInterval, Duration leaseTtl, String policyFile) {
  public static final String DEFAULT_POLICY_FILE = "dl/policy_v0.yaml";

  public static DlConfig from(ConfigNode n) {
    n.allowOnly(Set.of("poll_interval_ms", "lease_ttl_ms", "policy_file"));
    return new DlConfig(Duration.ofMillis(n.integer("poll_interval_ms", 1_000, 10, 60_000)),
        Duration.ofMillis(n.integer("lease_ttl_ms", 15_000, 1_000, 600_000)),
        n.optString("policy_file", DEFAULT_POLICY_FILE));
  }
}
