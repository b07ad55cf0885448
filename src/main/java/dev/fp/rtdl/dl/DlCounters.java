package dev.fp.rtdl.dl;

import java.util.List;

/** DL's durable counters for a run (reference rtdl §5 {@code dl_ops_metrics}), in the shell's counters table. */
final class DlCounters {
  static final String TICKS = "evaluations_total";
  static final String TRANSITIONS = "posture_transitions_total";
  static final String FORCED_FAIL_CLOSED = "forced_fail_closed_total";
  static final String EVALUATOR_ERRORS = "evaluator_errors_total";
  static final String REQUIRED_OK = "signal_required_ok_total";
  static final String REQUIRED_BAD = "signal_required_bad_total";
  static final List<String> ALL = List.of(TICKS, TRANSITIONS, FORCED_FAIL_CLOSED, EVALUATOR_ERRORS, REQUIRED_OK,
      REQUIRED_BAD);

  private DlCounters() {
  }
}
