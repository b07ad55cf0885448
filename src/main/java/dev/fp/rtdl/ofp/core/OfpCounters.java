package dev.fp.rtdl.ofp.core;

import java.util.List;

/**
 * OFP's durable counters (this run, across restarts). Traffic: {@value #SEEN} = {@value #APPLIED} +
 * {@value #DUPLICATES} + {@value #REJECTED} (traffic kept as a failure record: mismatch or unusable input); {@value #ANCHOR_MISSING} counts traffic applied after
 * its join-wait budget without a flow anchor (flow features only; {@value #BACKFILLS} when the anchor came later and
 * the flow's request then reached its entities). Anchors: {@value #ANCHORS_APPLIED}, {@value #ANCHOR_DUPLICATES},
 * {@value #ANCHOR_CONFLICTS} (another anchor event naming other entities for a known flow: recorded, first kept).
 * {@value #MISMATCH}: an event id seen again with another payload hash (either topic); {@value #FAILURES}: records
 * kept in {@code ofp_apply_failures} (mismatches, conflicts, unusable input).
 */
public final class OfpCounters {
  public static final String SEEN = "events_seen";
  public static final String APPLIED = "events_applied";
  public static final String DUPLICATES = "duplicates";
  public static final String REJECTED = "events_rejected";
  public static final String MISMATCH = "payload_hash_mismatch";
  public static final String ANCHOR_MISSING = "anchor_missing";
  public static final String BACKFILLS = "late_anchor_backfills";
  public static final String ANCHORS_APPLIED = "anchors_applied";
  public static final String ANCHOR_DUPLICATES = "anchor_duplicates";
  public static final String ANCHOR_CONFLICTS = "anchor_conflicts";
  public static final String FAILURES = "apply_failures";
  /** Batches re-delivered because a step failed (the shell's effect-failure counter; OFP has no effects). */
  public static final String BATCH_FAILURES = "batch_failures";
  public static final List<String> ALL = List.of(SEEN, APPLIED, DUPLICATES, REJECTED, MISMATCH, ANCHOR_MISSING, BACKFILLS,
      ANCHORS_APPLIED, ANCHOR_DUPLICATES, ANCHOR_CONFLICTS, FAILURES);

  private OfpCounters() {
  }
}
