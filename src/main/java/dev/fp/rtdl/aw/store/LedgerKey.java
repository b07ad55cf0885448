package dev.fp.rtdl.aw.store;

/** The identity of an archived record: where it sits in the log, within one run (reference rtdl §1 ledger key). */
public record LedgerKey(String platformRunId, String topic, int partition, String offsetKind, String offset) {
}
