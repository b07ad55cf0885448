package dev.fp.control.wsp.core;

/**
 * One output's durable position (control_ingress §4.7): the last contiguously acknowledged row (part file name,
 * 0-based row index, its ts_utc) and how many events were acknowledged so far (the cap counts them across
 * restarts). {@link #START} has acknowledged nothing. Resume skips parts that sort before {@code part} and, in
 * {@code part}, rows up to {@code rowIndex}.
 */
public record Cursor(String part, long rowIndex, String tsUtc, long emitted) {
  public static final Cursor START = new Cursor(null, -1, null, 0);

  public boolean isStart() {
    return part == null;
  }

  /** True for a row at or before this cursor (already acknowledged). */
  public boolean covers(String otherPart, long otherRow) {
    if (part == null) {
      return false;
    }
    int c = otherPart.compareTo(part);
    return c < 0 || c == 0 && otherRow <= rowIndex;
  }

  /** The cursor after acknowledging {@code event} (and every event before it). */
  public Cursor advance(StreamEvent event, long acknowledged) {
    return new Cursor(event.part(), event.rowIndex(), event.tsUtc(), emitted + acknowledged);
  }
}
