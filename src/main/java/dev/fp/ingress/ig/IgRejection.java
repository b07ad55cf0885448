package dev.fp.ingress.ig;

/**
 * A request refused as a whole before admission: 400 (bad body), 401, 403, 413, 429 or 503, with the error code of
 * the JSON answer and, for 409/429/503, the Retry-After seconds.
 */
final class IgRejection extends RuntimeException {
  private final int status;
  private final String code;
  private final int retryAfterSeconds;

  IgRejection(int status, String code, String detail, int retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  int status() { return status; }

  String code() { return code; }

  String detail() { return getMessage(); }

  int retryAfterSeconds() { return retryAfterSeconds; }
}
