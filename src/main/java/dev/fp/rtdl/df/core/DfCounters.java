package dev.fp.rtdl.df.core;

import java.util.List;

/**
 * DF's durable counters (reference rtdl §6 metrics, plus what this build adds). Names with {@code ::} are families
 * counted by value (reason code, posture mode, bundle, action kind) for the reconciliation.
 */
public final class DfCounters {
  public static final String DECISIONS = "decisions_total";
  public static final String DEGRADE = "degrade_total";
  public static final String STEP_UP = "step_up_total";
  public static final String QUEUE_REVIEW = "queue_review_total";
  public static final String ALLOW = "allow_total";
  public static final String EXPLICIT_FALLBACK = "explicit_fallback_total";
  public static final String MISSING_CONTEXT = "missing_context_total";
  public static final String RESOLVER_FAILURES = "resolver_failures_total";
  public static final String FAIL_CLOSED = "fail_closed_total";
  public static final String RISK_ESCALATIONS = "risk_escalations_total";
  public static final String JOIN_WAIT_HOLDS = "join_wait_holds_total";
  public static final String JOIN_WAIT_EXPIRED = "join_wait_expired_total";
  /** Retries of a record OFP had not applied yet, and records decided without waiting longer (ofp_wait_budget_ms). */
  public static final String OFP_WAIT_HOLDS = "ofp_wait_holds_total";
  public static final String OFP_WAIT_EXPIRED = "ofp_wait_expired_total";
  public static final String REPUBLISHED = "replay_republished_total";
  public static final String SOURCE_DUPLICATE = "source_duplicate_total";
  public static final String SOURCE_MISMATCH = "source_payload_mismatch_total";
  public static final String TRIGGER_REJECTED = "trigger_rejected_total";
  public static final String PUBLISH_ADMIT = "publish_admit_total";
  public static final String PUBLISH_DUPLICATE = "publish_duplicate_total";
  public static final String PUBLISH_QUARANTINE = "publish_quarantine_total";
  public static final String PUBLISH_REJECTED = "publish_rejected_total";
  public static final String INTENT_ADMIT = "intent_publish_admit_total";
  public static final String INTENT_DUPLICATE = "intent_publish_duplicate_total";
  /** The shell's effect-failure counter: a publish round IG did not settle (retried, the checkpoint held). */
  public static final String PUBLISH_AMBIGUOUS = "publish_ambiguous_total";
  public static final List<String> ALL = List.of(DECISIONS, DEGRADE, STEP_UP, QUEUE_REVIEW, ALLOW, EXPLICIT_FALLBACK,
      MISSING_CONTEXT, RESOLVER_FAILURES, FAIL_CLOSED, RISK_ESCALATIONS, JOIN_WAIT_HOLDS, JOIN_WAIT_EXPIRED,
      OFP_WAIT_HOLDS, OFP_WAIT_EXPIRED, REPUBLISHED, SOURCE_DUPLICATE, SOURCE_MISMATCH, TRIGGER_REJECTED, PUBLISH_ADMIT, PUBLISH_DUPLICATE,
      PUBLISH_QUARANTINE, PUBLISH_REJECTED, INTENT_ADMIT, INTENT_DUPLICATE);
  public static final String REASON = "reason_code::";
  public static final String MODE = "mode::";
  public static final String BUNDLE = "bundle::";
  public static final String PUBLISH = "publish::";

  private DfCounters() {
  }
}
