package dev.fp.rtdl.dla.core;

import java.util.List;

/** DLA's durable counters (reference rtdl §8); the two lineage counters are gauges kept by deltas. */
public final class DlaCounters {
  public static final String SEEN = "seen_total";
  public static final String ACCEPTED = "accepted_total";
  public static final String DUPLICATE = "duplicate_total";
  public static final String CANDIDATE = "candidate_total";
  public static final String QUARANTINE = "quarantine_total";
  public static final String REPLAY_DIVERGENCE = "replay_divergence_total";
  public static final String RESOLVED = "lineage_resolved_total";
  public static final String UNRESOLVED = "lineage_unresolved_total";
  public static final String AUDIT_RECORDS = "audit_records_total";
  /** The shell's effect-failure counter: a round whose audit writes or publishes failed (retried). */
  public static final String APPEND_FAILURE = "append_failure_total";
  public static final List<String> ALL = List.of(SEEN, ACCEPTED, DUPLICATE, CANDIDATE, QUARANTINE, REPLAY_DIVERGENCE,
      RESOLVED, UNRESOLVED, AUDIT_RECORDS);

  private DlaCounters() {
  }
}
