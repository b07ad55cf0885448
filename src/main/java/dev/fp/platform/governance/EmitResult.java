package dev.fp.platform.governance;

/**
 * What the governance log did with one emit: the event id, and whether this call created the event ({@code false}:
 * it was already recorded, so nothing new was written).
 */
public record EmitResult(String eventId, boolean created) {
}
