package dev.fp.ingress.ig;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.PolicyRev;
import dev.fp.platform.governance.AnomalyCategory;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.governance.GovernanceOutbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IG's governance facts (reference case_ops_obs §5.2), queued on a {@link GovernanceOutbox} so that neither the
 * admission path nor its answers wait on the governance log: {@code POLICY_REV_CHANGED} once per run IG serves with
 * its policy (dedupe {@code ig_policy_activation:<content_digest>}), and a {@code CORRIDOR_ANOMALY} per quarantined
 * event and reason (dedupe {@code ig_quarantine:<event_id>:<reason>}), offered after the quarantine was decided and
 * its record written.
 */
final class IgGovernance {
  static final String COMPONENT = IgVerticle.COMPONENT;
  private final GovernanceOutbox outbox;
  private final PolicyRev rev;

  IgGovernance(GovernanceOutbox outbox, PolicyRev rev) {
    this.outbox = outbox;
    this.rev = rev;
  }

  /** IG admits for {@code run} under its policy. */
  void policyActivated(String run) {
    if (run == null) {
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("policy_rev", rev.toJson());
    d.put("run_config_digest", rev.contentDigest());
    outbox.offer(GovernanceEmit.system(GovernanceFamily.POLICY_REV_CHANGED, run, COMPONENT,
        "ig_policy_activation:" + rev.contentDigest(), d));
  }

  /** {@code envelope} was quarantined for {@code reason}; its record is at {@code quarantineRef} (null if none). */
  void quarantined(Map<String, Object> envelope, String reason, String quarantineRef) {
    Object run = envelope.get(EnvelopeFields.PLATFORM_RUN_ID);
    if (!(run instanceof String r) || !PlatformRunIds.isValid(r)) {
      return; // no run to record it under: the quarantine record (under "unscoped") is the evidence
    }
    String eventId = String.valueOf(envelope.get(EnvelopeFields.EVENT_ID));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("corridor", COMPONENT);
    d.put("anomaly_kind", "QUARANTINE");
    d.put("event_id", eventId);
    d.put("event_type", envelope.get(EnvelopeFields.EVENT_TYPE));
    d.put("reason_code", reason);
    d.put("anomaly_category", AnomalyCategory.of(reason));
    d.put("quarantine_ref", quarantineRef);
    d.put("run_config_digest", rev.contentDigest());
    outbox.offer(GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, r, COMPONENT,
        "ig_quarantine:" + eventId + ":" + reason, d));
  }
}
