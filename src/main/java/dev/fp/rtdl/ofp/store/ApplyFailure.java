package dev.fp.rtdl.ofp.store;

/**
 * A record OFP could not apply, kept so nothing is lost silently (row of {@code ofp_apply_failures}):
 * {@code PAYLOAD_HASH_MISMATCH} (an event id seen again with another payload hash; the first is kept), or an input
 * problem ({@code MISSING_FLOW_ID}, {@code INVALID_TS_UTC}).
 */
public record ApplyFailure(String reason, String topic, int partition, String offset, String eventType,
                           String storedPayloadHash, String observedPayloadHash, String detail) {
}
