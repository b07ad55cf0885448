package dev.fp.rtdl.aw.store;

/**
 * What AW archived at a {@link LedgerKey}: the whole-envelope payload hash it compares later observations with, and
 * the event it was. No wall-clock field, so replaying the log rebuilds the same ledger.
 */
public record LedgerEntry(String payloadHash, String eventId, String eventType) {
}
