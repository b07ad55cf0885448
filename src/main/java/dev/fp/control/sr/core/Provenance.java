package dev.fp.control.sr.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who produced the run's artifacts: the service release ({@code SR_SERVICE_RELEASE_ID}, else
 * {@code SERVICE_RELEASE_ID}, else {@value #DEFAULT_RELEASE}), the environment (the profile id) and the run config
 * digest (the SR policy's content digest).
 */
public record Provenance(String serviceReleaseId, String environment, String runConfigDigest) {
  public static final String DEFAULT_RELEASE = "dev-local";

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_release_id", serviceReleaseId);
    m.put("environment", environment);
    m.put("run_config_digest", runConfigDigest);
    return m;
  }

  /** The release id from the environment variables, by the reference's precedence. */
  public static String releaseFrom(Map<String, String> env) {
    for (String name : new String[] {"SR_SERVICE_RELEASE_ID", "SR_RELEASE_ID", "SERVICE_RELEASE_ID"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return DEFAULT_RELEASE;
  }
}
