package dev.fp.control.wsp.core;

/**
 * What became of one READY (control_ingress §4.1). {@code PENDING} is ours: a READY taken from the control bus and
 * waiting to be streamed (new, deferred because a required pack is not live, or interrupted by a stop). The
 * reference's DEFERRED and DUPLICATE results are never stored: a deferred READY stays PENDING and is retried, a
 * duplicate is a READY whose message_id already has a row.
 *
 * <pre>
 *   PENDING ──► STREAMED | FAILED | SKIPPED_OUT_OF_SCOPE
 *   FAILED  ──► PENDING   (operator re-drive: fp wsp once --retry-failed)
 * </pre>
 */
public enum ReadyStatus {
  PENDING, STREAMED, FAILED, SKIPPED_OUT_OF_SCOPE;

  /** STREAMED and SKIPPED_OUT_OF_SCOPE are final: a READY with that message_id is never streamed again. */
  public boolean suppressesReplay() {
    return this == STREAMED || this == SKIPPED_OUT_OF_SCOPE;
  }
}
