package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy revision as receipts, decisions, outcomes and metrics carry it: {@code {policy_id, revision,
 * content_digest}}. For IG's receipts {@code contentDigest} is the {@code run_config_digest}; for a component's policy
 * file it is the canonical hash of the parsed document.
 */
public record PolicyRev(String policyId, String revision, String contentDigest) {
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("content_digest", contentDigest);
    return m;
  }
}
