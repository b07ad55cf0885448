package dev.fp.contract;

import java.util.List;

/** IG quarantine reason codes (control_ingress.md §5.9), shared by IG, its receipts and its readers. */
public final class ReasonCodes {
  public static final String ENVELOPE_INVALID = "ENVELOPE_INVALID";
  public static final String PINS_MISSING = "PINS_MISSING";
  public static final String SCHEMA_POLICY_MISSING = "SCHEMA_POLICY_MISSING";
  public static final String SCHEMA_VERSION_REQUIRED = "SCHEMA_VERSION_REQUIRED";
  public static final String SCHEMA_VERSION_NOT_ALLOWED = "SCHEMA_VERSION_NOT_ALLOWED";
  public static final String SCHEMA_FAIL = "SCHEMA_FAIL";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  public static final String PARTITION_KEY_MISSING = "PARTITION_KEY_MISSING";
  public static final String UNSUPPORTED_HASH_ALGO = "UNSUPPORTED_HASH_ALGO";
  public static final String PAYLOAD_HASH_MISMATCH = "PAYLOAD_HASH_MISMATCH";
  public static final String ADMISSION_STATE_INVALID = "ADMISSION_STATE_INVALID";
  public static final String PUBLISH_AMBIGUOUS = "PUBLISH_AMBIGUOUS";

  public static final List<String> QUARANTINE = List.of(ENVELOPE_INVALID, PINS_MISSING, SCHEMA_POLICY_MISSING,
      SCHEMA_VERSION_REQUIRED, SCHEMA_VERSION_NOT_ALLOWED, SCHEMA_FAIL, INTERNAL_ERROR, PARTITION_KEY_MISSING,
      UNSUPPORTED_HASH_ALGO, PAYLOAD_HASH_MISMATCH, ADMISSION_STATE_INVALID, PUBLISH_AMBIGUOUS);

  private ReasonCodes() {
  }
}
