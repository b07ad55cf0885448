package dev.fp.control.wsp.core;

/**
 * Replay pacing of one output (control_ingress §4.6): an event is due {@code (ts − ts_anchor) / speedup} after the
 * wall time the first event of this session was sent, so gaps in event time become gaps in wall time compressed by
 * the speed-up, and a batch takes every event already due. A speed-up ≤ 0 disables pacing. Events whose ts did not
 * parse are always due. Wall time is the caller's monotonic nanos. Not thread-safe; one per output stream.
 */
public final class ReplayPacer {
  private final double speedup;
  private long anchorEventMicros = Long.MIN_VALUE;
  private long anchorWallNanos;

  public ReplayPacer(double speedup) {
    this.speedup = speedup;
  }

  /** Wall nanos at which the event is due; anchors on the first event seen. */
  public long dueNanos(long eventMicros, long nowNanos) {
    if (speedup <= 0 || eventMicros == Long.MIN_VALUE) {
      return nowNanos;
    }
    if (anchorEventMicros == Long.MIN_VALUE) {
      anchorEventMicros = eventMicros;
      anchorWallNanos = nowNanos;
    }
    double deltaNanos = (eventMicros - anchorEventMicros) * 1000.0 / speedup;
    return anchorWallNanos + (long) Math.max(0, deltaNanos);
  }

  /** How long to wait before the event may be sent (0 when it is due). */
  public long delayNanos(long eventMicros, long nowNanos) {
    return Math.max(0, dueNanos(eventMicros, nowNanos) - nowNanos);
  }
}
