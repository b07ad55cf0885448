package dev.fp.rtdl.al.core;

import java.util.List;

/** AL's durable counters (reference rtdl §7 metrics, plus what this build adds). */
public final class AlCounters {
  public static final String INTAKE = "intake_total";
  public static final String IGNORED = "ignored_event_total";
  public static final String INVALID = "intent_invalid_total";
  public static final String DUPLICATE_INTENT = "intent_duplicate_total";
  public static final String INTENT_MISMATCH = "intent_payload_mismatch_total";
  public static final String ATTEMPTS = "execution_attempts_total";
  public static final String RETRIES = "execution_retries_total";
  public static final String EXECUTED = "outcome_executed_total";
  public static final String DENIED = "outcome_denied_total";
  public static final String FAILED = "outcome_failed_total";
  public static final String UNKNOWN_COMMIT = "unknown_commit_total";
  public static final String PUBLISH_ADMIT = "publish_admit_total";
  public static final String PUBLISH_DUPLICATE = "publish_duplicate_total";
  public static final String PUBLISH_QUARANTINE = "publish_quarantine_total";
  public static final String PUBLISH_REJECTED = "publish_rejected_total";
  /** The shell's effect-failure counter: a publish round IG did not settle (retried, the checkpoint held). */
  public static final String PUBLISH_AMBIGUOUS = "publish_ambiguous_total";
  public static final List<String> ALL = List.of(INTAKE, IGNORED, INVALID, DUPLICATE_INTENT, INTENT_MISMATCH,
      ATTEMPTS, RETRIES, EXECUTED, DENIED, FAILED, UNKNOWN_COMMIT, PUBLISH_ADMIT, PUBLISH_DUPLICATE,
      PUBLISH_QUARANTINE, PUBLISH_REJECTED);

  private AlCounters() {
  }
}
