package dev.fp.caselabels.ls.core;

import java.util.Map;

/**
 * The assertion ledger's row of one label_assertion_id: the first assertion committed under it (first write wins) and
 * how often it was submitted again with the same hash (replays) or a different one (mismatches).
 */
public record LedgerEntry(String platformRunId, String eventId, String labelType, String payloadHash,
                          Map<String, Object> assertion, long replayCount, long mismatchCount,
                          String firstCommittedAtUtc, String lastCommittedAtUtc, String assertionRef) {
  public LedgerEntry withReplay(String atUtc) {
    return new LedgerEntry(platformRunId, eventId, labelType, payloadHash, assertion, replayCount + 1, mismatchCount,
        firstCommittedAtUtc, atUtc, assertionRef);
  }

  public LedgerEntry withMismatch() {
    return new LedgerEntry(platformRunId, eventId, labelType, payloadHash, assertion, replayCount, mismatchCount + 1,
        firstCommittedAtUtc, lastCommittedAtUtc, assertionRef);
  }
}
