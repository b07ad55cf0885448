package dev.fp.control.wsp.core;

/**
 * A READY or stream that cannot proceed, with the reference's reason code ({@code RUN_FACTS_INVALID},
 * {@code STREAM_VIEW_MISSING}, {@code IG_PUSH_REJECTED}, …) and a detail naming what was read. The code is what the
 * READY record, the log's {@code WSP stream failed reason=…} line and the health reasons carry.
 */
public final class WspFailure extends RuntimeException {
  private final String code;
  private final String detail;

  public WspFailure(String code, String detail) {
    super(code + ": " + detail);
    this.code = code;
    this.detail = detail;
  }

  public WspFailure(String code, String detail, Throwable cause) {
    super(code + ": " + detail, cause);
    this.code = code;
    this.detail = detail;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
