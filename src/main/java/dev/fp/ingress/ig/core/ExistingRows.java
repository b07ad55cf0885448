package dev.fp.ingress.ig.core;

import dev.fp.contract.ReasonCodes;

/**
 * The existing-row rules: a different payload hash is PAYLOAD_HASH_MISMATCH whatever the state; ADMITTED is a
 * DUPLICATE; an in-flight or ambiguous publish answers 409 (the reference answered 400, which made WSP give up); a
 * released row is claimed again; an unknown state is ADMISSION_STATE_INVALID.
 */
public final class ExistingRows {
  public static final String PUBLISH_IN_FLIGHT_RETRY = "PUBLISH_IN_FLIGHT_RETRY";
  public static final String PUBLISH_AMBIGUOUS_RETRY = "PUBLISH_AMBIGUOUS_RETRY";
  private final int inFlightRetryAfter;
  private final int ambiguousRetryAfter;

  public ExistingRows(int inFlightRetryAfterSeconds, int ambiguousRetryAfterSeconds) {
    this.inFlightRetryAfter = inFlightRetryAfterSeconds;
    this.ambiguousRetryAfter = ambiguousRetryAfterSeconds;
  }

  public Resolution resolve(Checked.Candidate c, AdmissionRow row) {
    if (!row.payloadHash().equals(c.payloadHash())) {
      return new Resolution.Quarantine(ReasonCodes.PAYLOAD_HASH_MISMATCH,
          "dedupe_key " + c.dedupeKey() + " was admitted with payload_hash " + row.payloadHash());
    }
    if (row.state() == null) {
      return new Resolution.Quarantine(ReasonCodes.ADMISSION_STATE_INVALID, "stored state " + row.storedState());
    }
    return switch (row.state()) {
      case ADMITTED -> new Resolution.Duplicate(row);
      case PUBLISH_IN_FLIGHT -> new Resolution.Retry(PUBLISH_IN_FLIGHT_RETRY,
          "event " + c.eventId() + " is being published; retry", inFlightRetryAfter);
      case PUBLISH_AMBIGUOUS -> new Resolution.Retry(PUBLISH_AMBIGUOUS_RETRY,
          "event " + c.eventId() + " has an ambiguous publish awaiting operator reconciliation", ambiguousRetryAfter);
      case PUBLISH_RELEASED -> new Resolution.Reclaim(row);
    };
  }
}
