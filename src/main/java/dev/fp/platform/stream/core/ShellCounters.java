package dev.fp.platform.stream.core;

import java.util.List;

/**
 * Counters the shell keeps in every component's counters row, beside the component's own: records committed, and
 * records the run-scope gate skipped by reason. Like the component's counters they change only with a batch commit,
 * so a crash neither loses nor doubles them.
 */
public final class ShellCounters {
  public static final String RECORDS = "stream_records_total";
  public static final String SKIPPED_OTHER_RUN = "stream_skipped_other_run_total";
  public static final String SKIPPED_NO_RUN_ID = "stream_skipped_no_run_id_total";
  public static final String SKIPPED_UNDECODABLE = "stream_skipped_undecodable_total";
  /** Failed attempts of a batch's external effects (the batch was re-delivered); committed on their own. */
  public static final String EFFECT_FAILURES = "stream_effect_failures_total";
  public static final List<String> ALL = List.of(RECORDS, SKIPPED_OTHER_RUN, SKIPPED_NO_RUN_ID, SKIPPED_UNDECODABLE,
      EFFECT_FAILURES);

  private ShellCounters() {
  }
}
