package dev.fp.control.sr.core;

/**
 * A Scenario Runner invocation that stopped: its reason code ({@link SrCodes}), what was found, and the operator's
 * remedy. {@link #isInputError()} tells bad input (exit 2) from a failed check such as {@code LEASE_BUSY} or
 * {@code PLAN_DRIFT} (exit 3).
 */
public final class SrException extends RuntimeException {
  private final String code;
  private final String remedy;
  private final boolean inputError;

  private SrException(String code, String detail, String remedy, boolean inputError) {
    super(code + ": " + detail);
    this.code = code;
    this.remedy = remedy;
    this.inputError = inputError;
  }

  /** The inputs are valid but the evidence, the lease or a stored artifact disagrees (exit 3). */
  public static SrException check(String code, String detail, String remedy) {
    return new SrException(code, detail, remedy, false);
  }

  /** Missing or malformed input (exit 2). */
  public static SrException input(String code, String detail, String remedy) {
    return new SrException(code, detail, remedy, true);
  }

  public String code() {
    return code;
  }

  public String remedy() {
    return remedy;
  }

  public boolean isInputError() {
    return inputError;
  }
}
