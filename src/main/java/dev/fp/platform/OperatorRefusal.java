package dev.fp.platform;

/**
 * An operator action the platform refuses, with a reason code the API answers (409, or 400 for a malformed request)
 * and the CLI prints (exit 3, or 2 for a malformed request). Nothing was changed.
 */
public final class OperatorRefusal extends RuntimeException {
  private final String code;
  private final boolean badRequest;

  private OperatorRefusal(String code, String message, boolean badRequest) {
    super(message);
    this.code = code;
    this.badRequest = badRequest;
  }

  /** The action conflicts with the run's state (HTTP 409, exit 3). */
  public static OperatorRefusal conflict(String code, String message) {
    return new OperatorRefusal(code, message, false);
  }

  /** The request itself is malformed for the action (HTTP 400, exit 2). */
  public static OperatorRefusal badRequest(String code, String message) {
    return new OperatorRefusal(code, message, true);
  }

  public String code() { return code; }

  public boolean badRequest() { return badRequest; }
}
