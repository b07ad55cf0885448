package dev.fp.control.sr;

import dev.fp.config.ConfigNode;
import dev.fp.control.sr.core.Provenance;
import dev.fp.control.sr.core.SrPolicy;
import dev.fp.platform.config.PlatformConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The Scenario Runner's settings: section {@code components.sr} of the profile (all optional), the profile id as
 * {@code environment}, the service release from the environment, and the local run root for SR's run log.
 *
 * @param platformRoot local {@code runs/fraud-platform}
 */
public record SrSettings(Duration leaseTtl, Duration reemitLeaseTtl, String ownerId, SrPolicy policy,
                         String environment, String serviceReleaseId, Path platformRoot) {
  public static final int DEFAULT_LEASE_TTL_SECONDS = 300;
  public static final int DEFAULT_REEMIT_LEASE_TTL_SECONDS = 60;
  public static final String DEFAULT_OWNER = "sr-local";
  public static final String REEMIT_OWNER = "sr-reemit";

  /** Reads {@code components.sr}: lease_ttl_seconds, reemit_lease_ttl_seconds, evidence_wait_seconds, owner_id. */
  public static SrSettings from(PlatformConfig cfg, Map<String, String> env) {
    ConfigNode n = cfg.components().section("sr");
    n.allowOnly(Set.of("lease_ttl_seconds", "reemit_lease_ttl_seconds", "evidence_wait_seconds", "owner_id"));
    return new SrSettings(
        Duration.ofSeconds(n.integer("lease_ttl_seconds", DEFAULT_LEASE_TTL_SECONDS, 1, 86_400)),
        Duration.ofSeconds(n.integer("reemit_lease_ttl_seconds", DEFAULT_REEMIT_LEASE_TTL_SECONDS, 1, 86_400)),
        n.optString("owner_id", DEFAULT_OWNER),
        SrPolicy.defaults(n.integer("evidence_wait_seconds", SrPolicy.DEFAULT_EVIDENCE_WAIT_SECONDS, 0, 86_400)),
        cfg.profile(), Provenance.releaseFrom(env), cfg.platformRoot());
  }

  public Provenance provenance() {
    return new Provenance(serviceReleaseId, environment, policy.contentDigest());
  }
}
