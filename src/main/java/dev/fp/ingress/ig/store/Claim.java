package dev.fp.ingress.ig.store;

/** A new in-flight admission row: the identity, what is about to be published, and who claimed it. */
public record Claim(String dedupeKey, String platformRunId, String eventClass, String eventId, String eventType,
                   String payloadHash, String topic, String claimToken, String atUtc) {
}
