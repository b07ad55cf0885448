package dev.fp.control.sr.core;

import java.util.List;
import java.util.Map;

/**
 * SR's verdict on the reuse evidence of a plan (control_ingress §3.4 step 4): COMPLETE (READY may be committed),
 * WAITING (something is not there yet: before the deadline the run waits, after it fails
 * {@code EVIDENCE_MISSING_DEADLINE}), CONFLICT (evidence disagrees with itself: the run is quarantined) or FAIL (a
 * gate or the oracle pack cannot be accepted). Carries what the facts view needs when COMPLETE.
 *
 * @param problems          every problem found, each prefixed with its class ({@code missing:}, {@code conflict:},
 *                          {@code fail:})
 * @param streamViewRefs    output_id → stream view folder locator
 */
public record Evidence(Kind kind, String reasonCode, List<String> problems, List<Map<String, Object>> locators,
                       List<Map<String, Object>> gateReceipts, Map<String, String> streamViewRefs,
                       PackCheck.Verdict pack) {

  /** Outcome class of an evidence check, most severe first. */
  public enum Kind { FAIL, CONFLICT, WAITING, COMPLETE }

  public boolean complete() {
    return kind == Kind.COMPLETE;
  }
}
