package dev.fp.caselabels.ls.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer boundary's answer for one assertion (case_ops_obs §3.3): ACCEPTED or REJECTED with its reason code; the
 * ledger's replay and mismatch counts after this write (0 when nothing is stored under the id). {@code assertionRef}
 * is set when a ledger row exists under the id.
 */
public record WriteResult(String status, String reasonCode, String labelAssertionId, String assertionRef,
                          long replayCount, long mismatchCount) {
  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";

  public boolean accepted() {
    return ACCEPTED.equals(status);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("reason_code", reasonCode);
    m.put("label_assertion_id", labelAssertionId);
    m.put("assertion_ref", assertionRef);
    m.put("replay_count", replayCount);
    m.put("mismatch_count", mismatchCount);
    return m;
  }
}
