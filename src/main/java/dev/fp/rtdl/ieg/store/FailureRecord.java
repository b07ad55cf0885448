package dev.fp.rtdl.ieg.store;

/**
 * A record IEG could not apply (reference rtdl §2 {@code ieg_apply_failures}), with the reason code and a detail; for
 * {@code PAYLOAD_HASH_MISMATCH} the detail names the stored and the observed hash. Deterministic (no wall clock).
 */
public record FailureRecord(String topic, int partition, String offset, String offsetKind, String eventId,
                            String eventType, String scenarioRunId, String reasonCode, String detail) {
}
