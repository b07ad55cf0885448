package dev.fp.rtdl.dl.core;

/** The posture ladder, loosest first (reference rtdl §5): a later mode is stricter. */
public enum Mode {
  NORMAL, DEGRADED_1, DEGRADED_2, FAIL_CLOSED;

  public boolean stricterThan(Mode other) {
    return ordinal() > other.ordinal();
  }
}
