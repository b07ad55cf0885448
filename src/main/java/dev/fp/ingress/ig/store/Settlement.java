package dev.fp.ingress.ig.store;

import dev.fp.substrate.eventlog.EbRef;

/**
 * How one claimed row ends its cycle: ADMITTED with its eb_ref (and receipt, or {@code receiptWriteFailed}) or
 * PUBLISH_AMBIGUOUS with the reason. Only the claimer (same {@code claimToken}) can settle an in-flight row.
 */
public record Settlement(String platformRunId, String dedupeKey, String claimToken, EbRef ebRef, String admittedAtUtc,
                         String receiptId, String receiptRef, boolean receiptWriteFailed, String ambiguousReason,
                         String atUtc) {

  public static Settlement admitted(String run, String key, String token, EbRef eb, String admittedAtUtc,
                                    String receiptId, String receiptRef, String atUtc) {
    return new Settlement(run, key, token, eb, admittedAtUtc, receiptId, receiptRef, receiptRef == null, null, atUtc);
  }

  public static Settlement ambiguous(String run, String key, String token, String reason, String atUtc) {
    return new Settlement(run, key, token, null, null, null, null, false, reason, atUtc);
  }

  public boolean isAdmitted() {
    return ebRef != null;
  }
}
