package dev.fp.ingress.ig.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer for one envelope: 200 with a decision (ADMIT, DUPLICATE, QUARANTINE), its receipt and receipt ref; or
 * an error status with a code ({@code 403 FORBIDDEN}, {@code 409 PUBLISH_IN_FLIGHT_RETRY}, {@code 500 …}) and, for
 * retryable ones, Retry-After seconds.
 */
public record Outcome(int status, String decision, Map<String, Object> receipt, String receiptRef, String error,
                      String detail, int retryAfterSeconds) {

  public static Outcome decided(String decision, Map<String, Object> receipt, String receiptRef) {
    return new Outcome(200, decision, receipt, receiptRef, null, null, 0);
  }

  public static Outcome error(int status, String error, String detail, int retryAfterSeconds) {
    return new Outcome(status, null, null, null, error, detail, retryAfterSeconds);
  }

  public boolean isDecision() {
    return status == 200;
  }

  /** Body of a single push: {@code {decision, receipt, receipt_ref}} or {@code {error, detail}}. */
  public Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (isDecision()) {
      m.put("decision", decision);
      m.put("receipt", receipt);
      m.put("receipt_ref", receiptRef);
    } else {
      m.put("error", error);
      m.put("detail", detail);
    }
    return m;
  }

  /** One entry of an in-process answer: the push body plus {@code status} (and {@code retry_after_seconds}). */
  public Map<String, Object> batchItem() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.putAll(body());
    if (retryAfterSeconds > 0) {
      m.put("retry_after_seconds", retryAfterSeconds);
    }
    return m;
  }

  /**
   * One entry of an HTTP batch answer, without the full receipt (it is in the evidence at {@code receipt_ref}):
   * {@code status, decision, event_id, receipt_id, receipt_ref} and, when the receipt has them, {@code eb_ref} and
   * {@code reason_codes}; errors as {@link #batchItem()}.
   */
  public Map<String, Object> slimBatchItem() {
    if (!isDecision()) {
      return batchItem();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("decision", decision);
    for (String field : SLIM_FIELDS) {
      Object v = receipt == null ? null : receipt.get(field);
      if (v != null) {
        m.put(field, v);
      }
    }
    m.put("receipt_ref", receiptRef);
    return m;
  }

  private static final java.util.List<String> SLIM_FIELDS = java.util.List.of("event_id", "receipt_id", "eb_ref",
      "reason_codes");
}
