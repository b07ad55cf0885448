package dev.fp.obsgov;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.obsgov.evidence.core.EvidenceRefCorridor;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.governance.GovernanceFamily;

import java.util.List;
import java.util.Set;

/**
 * Obs/Gov settings ({@code components.obs_gov}), validated at load with errors naming the key.
 *
 * @param governanceFamilies  the families the environment declares (conformance requires exactly the eight)
 * @param reporterPollSeconds how often the reporter worker rewrites the interim report
 * @param evidenceRefAllowlist the actors the evidence-ref corridor lets resolve refs (reference §5.3
 *                            {@code EVIDENCE_REF_RESOLVER_ALLOWLIST})
 */
public record ObsGovConfig(List<String> governanceFamilies, int reporterPollSeconds,
                           List<String> evidenceRefAllowlist) {
  public static final int DEFAULT_REPORTER_POLL_SECONDS = 10;
  private static final Set<String> KEYS = Set.of("governance_families", "reporter_poll_seconds",
      "evidence_ref_allowlist");

  public static ObsGovConfig from(PlatformConfig cfg) {
    ConfigNode n = cfg.components().section("obs_gov");
    n.allowOnly(KEYS);
    List<String> families = n.stringList("governance_families");
    for (String f : families) {
      if (GovernanceFamily.parse(f).isEmpty()) {
        throw new ConfigException(n.key("governance_families"), "unknown family \"" + f + "\" (the eight are "
            + GovernanceFamily.names() + ")");
      }
    }
    List<String> allowlist = n.has("evidence_ref_allowlist") ? n.stringList("evidence_ref_allowlist")
        : EvidenceRefCorridor.DEFAULT_ALLOWLIST;
    return new ObsGovConfig(families, n.integer("reporter_poll_seconds", DEFAULT_REPORTER_POLL_SECONDS, 1, 3600),
        allowlist);
  }
}
