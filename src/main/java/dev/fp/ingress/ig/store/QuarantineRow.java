package dev.fp.ingress.ig.store;

/** One {@code ig_quarantines} row. */
public record QuarantineRow(String quarantineId, String platformRunId, String eventId, String eventType,
                            String eventClass, String reasonCode, String reasonDetail, String policyId,
                            String policyRevision, String policyDigest, String createdAtUtc, String evidenceRef,
                            String pinsJson) {
}
