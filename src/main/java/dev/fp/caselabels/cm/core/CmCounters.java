package dev.fp.caselabels.cm.core;

import java.util.List;

/**
 * CM's durable counters (reference case_ops_obs §2.8, plus what this build adds). The intake's counters live in the
 * shell's row ({@code cm}); the label retrier's in its own row ({@code cm_label_retry}), because each row has one
 * writer. {@code cases_created} is the gate counter P10 and the reporter read.
 */
public final class CmCounters {
  public static final String TRIGGERS_SEEN = "case_triggers";
  public static final String TRIGGERS_INVALID = "triggers_invalid";
  public static final String TRIGGERS_NEW = "triggers_new";
  public static final String TRIGGERS_DUPLICATE = "triggers_duplicate";
  public static final String TRIGGER_MISMATCHES = "trigger_payload_mismatches";
  public static final String IGNORED = "ignored_event_total";
  public static final String CASES_CREATED = "cases_created";
  public static final String TIMELINE_APPENDED = "timeline_events_appended";
  public static final String TIMELINE_MISMATCHES = "timeline_payload_mismatches";
  public static final String LABEL_ASSERTIONS = "label_assertions";
  public static final String LABELS_ACCEPTED = "labels_accepted";
  public static final String LABELS_REJECTED = "labels_rejected";
  /** LS attempts that left the label PENDING (LS unavailable, or its answer unusable). */
  public static final String LABEL_ATTEMPTS_PENDING = "label_attempts_pending";
  public static final String LABEL_ATTEMPTS = "label_attempts";
  /** Labels re-submitted because a crash came between storing them and LS's answer (§8.5 fixed). */
  public static final String LABELS_RESUBMITTED = "labels_resubmitted_after_restart";
  /** The shell's effect-failure counter: a batch whose label round could not be recorded (re-delivered). */
  public static final String LABEL_ROUND_FAILURES = "label_round_failures";

  public static final List<String> INTAKE_ALL = List.of(TRIGGERS_SEEN, TRIGGERS_INVALID, TRIGGERS_NEW,
      TRIGGERS_DUPLICATE, TRIGGER_MISMATCHES, IGNORED, CASES_CREATED, TIMELINE_APPENDED, TIMELINE_MISMATCHES,
      LABEL_ASSERTIONS, LABELS_ACCEPTED, LABELS_REJECTED, LABEL_ATTEMPTS_PENDING, LABEL_ATTEMPTS, LABELS_RESUBMITTED);
  /** The retrier's row: attempts it made and the labels it decided. */
  public static final List<String> RETRY_ALL = List.of(LABEL_ATTEMPTS, LABELS_ACCEPTED, LABELS_REJECTED,
      LABEL_ATTEMPTS_PENDING, TIMELINE_APPENDED);

  private CmCounters() {
  }
}
