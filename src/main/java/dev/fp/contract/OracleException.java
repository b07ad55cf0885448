package dev.fp.contract;

/**
 * A failed oracle step with the reference's reason code ({@code MANIFEST_MISMATCH}, {@code STREAM_RECEIPT_MISMATCH},
 * {@code STREAM_VIEW_PARTIAL_EXISTS}, ...).
 */
public final class OracleException extends CodedFailure {

  private OracleException(String code, String detail, String remedy, boolean inputError) {
    super(code, detail, remedy, inputError);
  }

  /** A conflict or failed check: the inputs are valid but the evidence disagrees (exit 3). */
  public static OracleException check(String code, String detail, String remedy) {
    return new OracleException(code, detail, remedy, false);
  }

  /** Missing or malformed input (exit 2). */
  public static OracleException input(String code, String detail, String remedy) {
    return new OracleException(code, detail, remedy, true);
  }
}
