package dev.fp.ingress.ig.core;

/** What to do with a candidate whose identity already has an admission row (control_ingress.md §5.6). */
public sealed interface Resolution {

  /** Already admitted: answer DUPLICATE with the original eb_ref; nothing is published. */
  record Duplicate(AdmissionRow row) implements Resolution {
  }

  /** Same identity, unusable: PAYLOAD_HASH_MISMATCH or ADMISSION_STATE_INVALID. */
  record Quarantine(String reason, String detail) implements Resolution {
  }

  /** Not settled yet: 409 with Retry-After (PUBLISH_IN_FLIGHT_RETRY, PUBLISH_AMBIGUOUS_RETRY). */
  record Retry(String error, String detail, int retryAfterSeconds) implements Resolution {
  }

  /** Released by an operator after an ambiguous publish: claim it again and publish. */
  record Reclaim(AdmissionRow row) implements Resolution {
  }
}
