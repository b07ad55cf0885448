package dev.fp.control.wsp.core;

/**
 * How one output's stream ended. {@code MAX_EVENTS} (cap reached) and {@code COMPLETE} (view exhausted) are the
 * successful ends and are logged as {@code WSP stream stop … reason=max_events} and {@code WSP stream complete …};
 * {@code INTERRUPTED} is a stop of the process (resumed from the checkpoint later); {@code FAILED} carries a reason.
 */
public enum StopReason {
  MAX_EVENTS("max_events"), COMPLETE("complete"), INTERRUPTED("interrupted"), FAILED("failed");

  private final String wire;

  StopReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean finished() {
    return this == MAX_EVENTS || this == COMPLETE;
  }
}
