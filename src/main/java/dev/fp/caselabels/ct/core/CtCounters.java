package dev.fp.caselabels.ct.core;

import java.util.List;

/**
 * CT's durable counters (case_ops_obs §1.7 names where the reference has them). {@code triggers_seen} counts distinct
 * triggers (ledger NEW): a replay of the same source records counts as {@code trigger_replays}, so reprocessing from
 * trim_horizon moves no gate counter.
 */
public final class CtCounters {
  public static final String DECISIONS_SEEN = "decisions_seen";
  public static final String OUTCOMES_SEEN = "outcomes_seen";
  public static final String IGNORED = "ignored_events";
  public static final String INVALID = "invalid_records";
  public static final String POLICY_REFUSED = "policy_refused";
  public static final String TRIGGERS_SEEN = "triggers_seen";
  public static final String ESCALATED_ACTION_KIND = "escalations_action_kind";
  public static final String ESCALATED_REVIEW_SAMPLE = "escalations_review_sample";
  public static final String ACTION_FAILURES = "action_failures";
  public static final String REPLAYS = "trigger_replays";
  public static final String PAYLOAD_MISMATCH = "payload_mismatch";
  public static final String OUTCOMES_PARKED = "outcomes_parked";
  public static final String OUTCOMES_RELEASED = "outcomes_released";
  public static final String PUBLISHED = "published";
  public static final String DUPLICATES = "duplicates";
  public static final String QUARANTINE = "quarantine";
  public static final String PUBLISH_REJECTED = "publish_rejected";
  /** The shell's effect-failure counter: a publish round IG did not settle (retried, the checkpoint held). */
  public static final String PUBLISH_AMBIGUOUS = "publish_ambiguous";
  public static final List<String> ALL = List.of(DECISIONS_SEEN, OUTCOMES_SEEN, IGNORED, INVALID, POLICY_REFUSED,
      TRIGGERS_SEEN, ESCALATED_ACTION_KIND, ESCALATED_REVIEW_SAMPLE, ACTION_FAILURES, REPLAYS, PAYLOAD_MISMATCH,
      OUTCOMES_PARKED, OUTCOMES_RELEASED, PUBLISHED, DUPLICATES, QUARANTINE, PUBLISH_REJECTED);

  private CtCounters() {
  }
}
