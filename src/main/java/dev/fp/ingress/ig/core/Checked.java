package dev.fp.ingress.ig.core;

import dev.fp.contract.EventRoute;

import java.util.Map;

/**
 * What the pure admission checks (pipeline steps 2–5 and 7 of control_ingress.md §5.4) make of one envelope:
 * {@link Forbidden} (403, nothing written), {@link Rejected} (quarantine with a reason code) or a {@link Candidate}
 * for dedupe and publishing.
 */
public sealed interface Checked {

  /** The caller's key may not produce this event class. */
  record Forbidden(String eventClass) implements Checked {
  }

  /** Fails a rule; {@code eventClass} is null when the envelope has no usable event_type. */
  record Rejected(Map<String, Object> envelope, String eventClass, String reason, String detail) implements Checked {
  }

  /**
   * Passes every envelope and payload rule. {@code partitionKey} is null when no key could be derived, and then
   * {@code partitionReason} (PARTITION_KEY_MISSING or UNSUPPORTED_HASH_ALGO) applies after the dedupe lookup, the
   * reference's order.
   */
  record Candidate(Map<String, Object> envelope, String eventId, String eventType, String eventClass,
                   String platformRunId, String dedupeKey, String payloadHash, EventRoute route, String partitionKey,
                   String partitionReason) implements Checked {
  }
}
