package dev.fp.rtdl.ieg.store;

/**
 * A graph-mutating event IEG applied: its payload hash (sha256 of canonical {@code {event_type, schema_version,
 * payload}}) and where it was first read. No wall-clock field, so a replay rebuilds the same row.
 */
public record DedupeEntry(String payloadHash, String scenarioRunId, String topic, int partition, String offset,
                          String offsetKind, String tsUtc) {
}
