package dev.fp.rtdl.dl.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of the ladder for a scope, as stored in {@code dl_current_posture} and (when the mode changed) in the
 * posture history. {@code postureSeq} grows by one per evaluation, so DF can tell a live ladder from a stuck one by
 * {@code decidedAtUtc}; {@code quietHeldMillis} carries the upshift quiet time explicitly (the reference parsed it back
 * out of its reason string).
 *
 * @param changeKind     INITIAL, MODE_CHANGE, STEADY or UPSHIFT_HELD
 * @param baseline       the mode the signals alone call for (before hysteresis)
 * @param signalStates   tracked signal → {@link SignalState} name
 * @param snapshotDigest sha256 of the canonical signal snapshot this posture was decided from
 */
public record Posture(String scopeKey, Mode mode, long postureSeq, String decidedAtUtc, String reason, Mode baseline,
                      long quietHeldMillis, String changeKind, Map<String, String> signalStates, String snapshotDigest,
                      Capabilities capabilities, String policyId, String policyRevision, String policyContentDigest) {
  public static final String INITIAL = "INITIAL";
  public static final String MODE_CHANGE = "MODE_CHANGE";
  public static final String STEADY = "STEADY";
  public static final String UPSHIFT_HELD = "UPSHIFT_HELD";

  public Posture {
    signalStates = Map.copyOf(signalStates);
  }

  /** Whether this evaluation is one a reader of the posture history must see (first posture, or a new mode). */
  public boolean changed() {
    return changeKind.equals(INITIAL) || changeKind.equals(MODE_CHANGE);
  }

  /** The reference's {@code decision_json}: what DF is served. */
  public Map<String, Object> toDecision() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scope_key", scopeKey);
    m.put("mode", mode.name());
    m.put("capabilities_mask", capabilities.toMask());
    Map<String, Object> rev = new LinkedHashMap<>();
    rev.put("policy_id", policyId);
    rev.put("revision", policyRevision);
    rev.put("content_digest", policyContentDigest);
    m.put("policy_rev", rev);
    m.put("posture_seq", postureSeq);
    m.put("decided_at_utc", decidedAtUtc);
    m.put("reason", reason);
    m.put("evidence_refs", List.of(Map.of("kind", "dl_snapshot", "ref", snapshotDigest),
        Map.of("kind", "dl_policy", "ref", policyId + "@" + policyRevision)));
    return m;
  }
}
