package dev.fp.ingress.ig.store;

/** One {@code ig_receipts} row; the JSON columns hold canonical JSON text. */
public record ReceiptRow(String receiptId, String platformRunId, String eventId, String eventType, String eventClass,
                         String dedupeKey, String decision, String ebTopic, Integer ebPartition, String ebOffset,
                         String ebOffsetKind, String policyId, String policyRevision, String policyDigest,
                         String createdAtUtc, String receiptRef, String pinsJson, String reasonCodesJson,
                         String evidenceRefsJson) {
}
