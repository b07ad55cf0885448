package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.substrate.eventlog.EbRef;

/**
 * The stored form of an admission row ({@code ig_admissions} value, JSON): the row as the core sees it plus the
 * claim token of the cycle that holds it in flight and when it last changed.
 */
public record AdmissionDoc(String dedupeKey, String state, String platformRunId, String eventClass, String eventId,
                           String eventType, String payloadHash, String ebTopic, Integer ebPartition, String ebOffset,
                           String ebOffsetKind, String ebPublishedAtUtc, String admittedAtUtc, String receiptId,
                           String receiptRef, boolean receiptWriteFailed, String stateReason, String claimToken,
                           String createdAtUtc, String updatedAtUtc) {

  static AdmissionDoc inFlight(Claim c) {
    return new AdmissionDoc(c.dedupeKey(), AdmissionState.PUBLISH_IN_FLIGHT.name(), c.platformRunId(), c.eventClass(),
        c.eventId(), c.eventType(), c.payloadHash(), c.topic(), null, null, null, null, null, null, null, false, null,
        c.claimToken(), c.atUtc(), c.atUtc());
  }

  public AdmissionRow row() {
    EbRef eb = ebOffset == null ? null : new EbRef(ebTopic, ebPartition, ebOffset, ebOffsetKind, ebPublishedAtUtc);
    return new AdmissionRow(dedupeKey, AdmissionState.parse(state).orElse(null), state, platformRunId, eventClass,
        eventId, eventType, payloadHash, ebTopic, eb, admittedAtUtc, receiptId, receiptRef, receiptWriteFailed,
        stateReason);
  }

  boolean is(AdmissionState s) {
    return s.name().equals(state);
  }

  /** Claimed (again) by {@code token}. */
  AdmissionDoc claimed(String topic, String token, String atUtc) {
    return new AdmissionDoc(dedupeKey, AdmissionState.PUBLISH_IN_FLIGHT.name(), platformRunId, eventClass, eventId,
        eventType, payloadHash, topic, ebPartition, ebOffset, ebOffsetKind, ebPublishedAtUtc, admittedAtUtc, receiptId,
        receiptRef, receiptWriteFailed, stateReason, token, createdAtUtc, atUtc);
  }

  AdmissionDoc admitted(EbRef eb, String admittedAt, String rid, String ref, String reason, String atUtc) {
    return new AdmissionDoc(dedupeKey, AdmissionState.ADMITTED.name(), platformRunId, eventClass, eventId, eventType,
        payloadHash, eb.topic(), eb.partition(), eb.offset(), eb.offsetKind(), eb.publishedAtUtc(), admittedAt, rid, ref,
        ref == null, reason, null, createdAtUtc, atUtc);
  }

  AdmissionDoc moved(AdmissionState to, String reason, String atUtc) {
    return new AdmissionDoc(dedupeKey, to.name(), platformRunId, eventClass, eventId, eventType, payloadHash, ebTopic,
        ebPartition, ebOffset, ebOffsetKind, ebPublishedAtUtc, admittedAtUtc, receiptId, receiptRef, receiptWriteFailed,
        reason, to == AdmissionState.PUBLISH_IN_FLIGHT ? claimToken : null, createdAtUtc, atUtc);
  }

  AdmissionDoc withReceipt(String rid, String ref, String atUtc) {
    return new AdmissionDoc(dedupeKey, state, platformRunId, eventClass, eventId, eventType, payloadHash, ebTopic,
        ebPartition, ebOffset, ebOffsetKind, ebPublishedAtUtc, admittedAtUtc, rid, ref, false, stateReason, claimToken,
        createdAtUtc, atUtc);
  }
}
