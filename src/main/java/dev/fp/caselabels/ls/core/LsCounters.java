package dev.fp.caselabels.ls.core;

import java.util.List;

/**
 * The Label Store's durable counters (case_ops_obs §3.6, with §8.7 fixed: contract and evidence rejects are counted,
 * and {@code pending} is not LS's to report — a label CM could not submit never reached LS).
 */
public final class LsCounters {
  /** Distinct assertions committed (ASSERTION_COMMITTED_NEW): the gate counter of P10. */
  public static final String ACCEPTED = "accepted";
  /** ASSERTION_REPLAY_MATCH answers. */
  public static final String DUPLICATE = "duplicate";
  /** Every REJECTED answer, whatever the reason. */
  public static final String REJECTED = "rejected";
  public static final String CONTRACT_INVALID = "contract_invalid";
  public static final String MISSING_EVIDENCE_REFS = "missing_evidence_refs";
  public static final String RUN_SCOPE_MISMATCH = "run_scope_mismatch";
  public static final String PAYLOAD_HASH_MISMATCH = "payload_hash_mismatch";
  public static final String DEDUPE_TUPLE_COLLISION = "dedupe_tuple_collision";
  public static final String MISMATCH_ROWS = "mismatch_rows";
  public static final String TIMELINE_ROWS = "timeline_rows";
  /** Write requests committed (each one StateStore batch). */
  public static final String WRITE_BATCHES = "write_batches";
  public static final List<String> ALL = List.of(ACCEPTED, DUPLICATE, REJECTED, CONTRACT_INVALID,
      MISSING_EVIDENCE_REFS, RUN_SCOPE_MISMATCH, PAYLOAD_HASH_MISMATCH, DEDUPE_TUPLE_COLLISION, MISMATCH_ROWS,
      TIMELINE_ROWS, WRITE_BATCHES);

  private LsCounters() {
  }
}
