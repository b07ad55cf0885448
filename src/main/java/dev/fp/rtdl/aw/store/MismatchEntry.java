package dev.fp.rtdl.aw.store;

/**
 * A record seen at an archived offset with another payload hash than the archived one (a replay-basis mismatch): the
 * archive keeps the first; this records the observation.
 */
public record MismatchEntry(String topic, int partition, String offsetKind, String offset, String storedPayloadHash,
                            String observedPayloadHash, String eventId, String eventType) {
}
