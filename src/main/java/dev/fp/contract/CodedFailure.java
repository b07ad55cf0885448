package dev.fp.contract;

/**
 * A step that stopped with a reason code (the reference's codes, e.g. {@code LEASE_BUSY}, {@code MANIFEST_MISMATCH}),
 * what was found, and the operator's remedy line. {@link #isInputError()} tells bad input (CLI exit 2) from a failed
 * check: valid inputs whose evidence, lease or stored artifact disagrees (exit 3). Components subclass it so callers
 * can catch their own kind.
 */
public abstract class CodedFailure extends RuntimeException {
  private final String code;
  private final String remedy;
  private final boolean inputError;

  protected CodedFailure(String code, String detail, String remedy, boolean inputError) {
    super(code + ": " + detail);
    this.code = code;
    this.remedy = remedy;
    this.inputError = inputError;
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
