package dev.fp.control.sr.core;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SR policy ({@code sr/policy_v0.yaml} of the reference): reuse only ({@code reuse_policy: ALLOW}, strategy AUTO; this
 * runner never invokes an engine), how long missing evidence may be waited for, and the default traffic outputs. {@code content_digest} is the sha256 of the
 * canonical JSON of the policy content; it is also the run's {@code run_config_digest}.
 */
public record SrPolicy(String policyId, String revision, int evidenceWaitSeconds,
                       int attemptLimit, List<String> trafficOutputIds) {
  public static final String DEFAULT_ID = "sr_policy";
  public static final String DEFAULT_REVISION = "v0";
  public static final String REUSE_ALLOW = "ALLOW";
  public static final String STRATEGY = "AUTO";
  public static final int DEFAULT_EVIDENCE_WAIT_SECONDS = 600;
  public static final List<String> DEFAULT_TRAFFIC_OUTPUTS =
      List.of("s2_event_stream_baseline_6B", "s3_event_stream_with_fraud_6B");

  public SrPolicy {
    trafficOutputIds = List.copyOf(trafficOutputIds);
    if (evidenceWaitSeconds < 0) {
      throw new IllegalArgumentException("sr policy evidence_wait_seconds must be >= 0, got " + evidenceWaitSeconds);
    }
  }

  public static SrPolicy defaults(int evidenceWaitSeconds) {
    return new SrPolicy(DEFAULT_ID, DEFAULT_REVISION, evidenceWaitSeconds, 1, DEFAULT_TRAFFIC_OUTPUTS);
  }

  public Map<String, Object> content() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("reuse_policy", REUSE_ALLOW);
    m.put("evidence_wait_seconds", evidenceWaitSeconds);
    m.put("attempt_limit", attemptLimit);
    m.put("traffic_output_ids", trafficOutputIds);
    return m;
  }

  public String contentDigest() {
    return Hashing.canonicalHash(content());
  }

  /** {@code policy_rev{policy_id, revision, content_digest}}. */
  public Map<String, Object> rev() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("content_digest", contentDigest());
    return m;
  }
}
