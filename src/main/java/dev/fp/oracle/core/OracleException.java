package dev.fp.oracle.core;

/**
 * A failed oracle step with its reason code (the reference's: {@code MANIFEST_MISMATCH}, {@code
 * STREAM_RECEIPT_MISMATCH}, {@code STREAM_VIEW_PARTIAL_EXISTS}, ...), what was found, and the operator's remedy.
 * {@link #isCheckFailure()} tells a failed check or gate (exit 3) from bad input (exit 2).
 */
public final class OracleException extends RuntimeException {
  private final String code;
  private final String remedy;
  private final boolean checkFailure;

  public OracleException(String code, String detail, String remedy, boolean checkFailure) {
    super(code + ": " + detail);
    this.code = code;
    this.remedy = remedy;
    this.checkFailure = checkFailure;
  }

  /** A conflict or failed check: the inputs are valid but the evidence disagrees (exit 3). */
  public static OracleException check(String code, String detail, String remedy) {
    return new OracleException(code, detail, remedy, true);
  }

  /** Missing or malformed input (exit 2). */
  public static OracleException input(String code, String detail, String remedy) {
    return new OracleException(code, detail, remedy, false);
  }

  public String code() {
    return code;
  }

  public String remedy() {
    return remedy;
  }

  public boolean isCheckFailure() {
    return checkFailure;
  }
}
