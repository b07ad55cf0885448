package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CT's health, metrics extras and reconciliation (case_ops_obs §1.7), from the durable counters. RED on a quarantined
 * or refused publish ({@code QUARANTINE_NONZERO}, {@code PUBLISH_REJECTED_NONZERO}) or a trigger id reused for a
 * different payload ({@code PAYLOAD_MISMATCH_NONZERO}); AMBER ({@code PUBLISH_UNSETTLED}) while the latest publish
 * round failed and the checkpoint holds. Rounds IG did not settle are retried to settlement and counted as
 * {@code publish_ambiguous}; they are not a standing fault once settled (AL does the same). Outcomes waiting for
 * their decision are shown ({@code outcomes_waiting}); P10's closeout requires none at the end.
 */
final class CtArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "case_trigger/reconciliation/reconciliation.json";
  private final TriggerPolicy policy;

  CtArtifacts(TriggerPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    if (c.get(CtCounters.QUARANTINE) > 0) {
      reasons.add("QUARANTINE_NONZERO");
    }
    if (c.get(CtCounters.PUBLISH_REJECTED) > 0) {
      reasons.add("PUBLISH_REJECTED_NONZERO");
    }
    if (c.get(CtCounters.PAYLOAD_MISMATCH) > 0) {
      reasons.add("PAYLOAD_MISMATCH_NONZERO");
    }
    if (!reasons.isEmpty()) {
      state = HealthState.RED;
    } else if (s.lastError() != null) {
      state = HealthState.AMBER;
      reasons.add("PUBLISH_UNSETTLED");
    }
    Map<String, Object> metrics = new LinkedHashMap<>(c.values());
    metrics.put("outcomes_waiting", waiting(c));
    metrics.put("policy_content_digest", policy.contentDigest());
    metrics.put("review_sample_rate", policy.runReviewSampleRate());
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("triggers_seen", c.get(CtCounters.TRIGGERS_SEEN));
    totals.put("published", c.get(CtCounters.PUBLISHED));
    totals.put("duplicates", c.get(CtCounters.DUPLICATES));
    totals.put("quarantine", c.get(CtCounters.QUARANTINE));
    totals.put("publish_rejected", c.get(CtCounters.PUBLISH_REJECTED));
    totals.put("publish_ambiguous", c.get(CtCounters.PUBLISH_AMBIGUOUS));
    totals.put("payload_mismatch", c.get(CtCounters.PAYLOAD_MISMATCH));
    Map<String, Object> byTrigger = new LinkedHashMap<>();
    byTrigger.put("DECISION_ESCALATION", c.get(CtCounters.ESCALATED_ACTION_KIND)
        + c.get(CtCounters.ESCALATED_REVIEW_SAMPLE));
    byTrigger.put("ACTION_FAILURE", c.get(CtCounters.ACTION_FAILURES));
    Map<String, Object> replay = new LinkedHashMap<>();
    replay.put("NEW", c.get(CtCounters.TRIGGERS_SEEN));
    replay.put("REPLAY_MATCH", c.get(CtCounters.REPLAYS));
    replay.put("PAYLOAD_MISMATCH", c.get(CtCounters.PAYLOAD_MISMATCH));
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", s.platformRunId());
    rec.put("policy_rev", policy.policyRev());
    rec.put("review_sample_rate", policy.runReviewSampleRate());
    rec.put("totals", totals);
    rec.put("by_trigger_type", byTrigger);
    rec.put("replay_outcome_counts", replay);
    rec.put("outcomes_waiting", waiting(c));
    rec.put("settled", settled(c) == c.get(CtCounters.TRIGGERS_SEEN));
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("reconciliation_totals", totals);
    return new Artifacts(new HealthReport(state, reasons, metrics), extras, Map.of(RECONCILIATION, rec));
  }

  /** Triggers IG answered for: every NEW trigger is answered exactly once. */
  static long settled(Counters c) {
    return c.get(CtCounters.PUBLISHED) + c.get(CtCounters.DUPLICATES) + c.get(CtCounters.QUARANTINE)
        + c.get(CtCounters.PUBLISH_REJECTED);
  }

  static long waiting(Counters c) {
    return c.get(CtCounters.OUTCOMES_PARKED) - c.get(CtCounters.OUTCOMES_RELEASED);
  }
}
