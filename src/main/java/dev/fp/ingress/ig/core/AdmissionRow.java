package dev.fp.ingress.ig.core;

import dev.fp.substrate.eventlog.EbRef;

/**
 * A stored admission row as the core sees it. {@code state} is null when the stored value is unknown to this build;
 * {@code ebRef} is set once ADMITTED.
 */
public record AdmissionRow(String dedupeKey, AdmissionState state, String storedState, String platformRunId,
                           String eventClass, String eventId, String eventType, String payloadHash, String ebTopic,
                           EbRef ebRef, String admittedAtUtc, String receiptId, String receiptRef,
                           boolean receiptWriteFailed, String stateReason) {

  /** The row with its ADMIT receipt recorded (after a back-fill). */
  public AdmissionRow withReceipt(String id, String ref) {
    return new AdmissionRow(dedupeKey, state, storedState, platformRunId, eventClass, eventId, eventType, payloadHash,
        ebTopic, ebRef, admittedAtUtc, id, ref, ref == null, stateReason);
  }
}
