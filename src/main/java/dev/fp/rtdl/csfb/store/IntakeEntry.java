package dev.fp.rtdl.csfb.store;

import java.util.List;

/**
 * The intake ledger row of one event {@code (run, event_class, event_id)}: the payload hash it was settled with and
 * how ({@code APPLIED}, or the conflict it was rejected for), plus every other payload hash later seen under the
 * same id (each recorded once as {@code INTAKE_PAYLOAD_HASH_MISMATCH}). A replay meets this row and changes nothing.
 */
public record IntakeEntry(String payloadHash, String outcome, List<String> mismatchedHashes) {
  public static final String APPLIED = "APPLIED";

  public IntakeEntry {
    mismatchedHashes = mismatchedHashes == null ? List.of() : List.copyOf(mismatchedHashes);
  }

  public IntakeEntry withMismatch(String hash) {
    List<String> all = new java.util.ArrayList<>(mismatchedHashes);
    all.add(hash);
    return new IntakeEntry(payloadHash, outcome, all);
  }
}
