package dev.fp.control.sr.core;

import dev.fp.contract.CodedFailure;

/** A Scenario Runner invocation that stopped ({@link SrCodes}), e.g. {@code LEASE_BUSY} or {@code PLAN_DRIFT}. */
public final class SrException extends CodedFailure {

  private SrException(String code, String detail, String remedy, boolean inputError) {
    super(code, detail, remedy, inputError);
  }

  /** The inputs are valid but the evidence, the lease or a stored artifact disagrees (exit 3). */
  public static SrException check(String code, String detail, String remedy) {
    return new SrException(code, detail, remedy, false);
  }

  /** Missing or malformed input (exit 2). */
  public static SrException input(String code, String detail, String remedy) {
    return new SrException(code, detail, remedy, true);
  }
}
