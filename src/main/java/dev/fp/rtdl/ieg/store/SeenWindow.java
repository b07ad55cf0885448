package dev.fp.rtdl.ieg.store;

/**
 * First and last sighting by event time, widened by one more sighting: the first is the earliest time, ties going to
 * the smaller event id, so the window does not depend on the order sightings arrive in.
 */
record SeenWindow(String first, String firstEventId, String last) {

  /** The window widened by a sighting at {@code ts} of {@code eventId}; null when it stays as it is. */
  static SeenWindow widen(String first, String firstEventId, String last, String ts, String eventId) {
    int c = ts.compareTo(first);
    boolean earlier = c < 0 || c == 0 && eventId.compareTo(firstEventId) < 0;
    boolean later = ts.compareTo(last) > 0;
    if (!earlier && !later) {
      return null;
    }
    return new SeenWindow(earlier ? ts : first, earlier ? eventId : firstEventId, later ? ts : last);
  }
}
