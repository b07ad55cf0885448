package dev.fp.ingress.ig.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The IG policy revision stamped on receipts; {@code contentDigest} is the {@code run_config_digest}. */
public record PolicyRev(String policyId, String revision, String contentDigest) {
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("content_digest", contentDigest);
    return m;
  }
}
