package dev.fp.contract;

/**
 * In-process requests an operator (CLI through the HTTP API, or the supervisor on a retry) sends to a running
 * component over the Vert.x event bus, so a retry needs neither a second instance nor SQL surgery.
 */
public final class OperatorRequests {
  /**
   * WSP re-queues the FAILED READYs of a run under its own lease. Body: the platform run id; reply: the number
   * re-queued. No handler registered means no WSP runs in this process.
   */
  public static final String WSP_RETRY_FAILED_READIES = "fp.ops.wsp.retry-failed-readies";

  private OperatorRequests() {
  }
}
