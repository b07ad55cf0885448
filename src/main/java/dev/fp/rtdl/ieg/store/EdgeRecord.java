package dev.fp.rtdl.ieg.store;

/**
 * An edge seen from one end: the neighbour's identifier (so a neighbours answer needs no second read), the event that
 * first linked them, and when the link was first and last seen by event time. Both directions hold the same times.
 */
public record EdgeRecord(String neighbourIdentifierType, String neighbourIdentifierValue, String sourceEventId,
                         String firstSeenTsUtc, String lastSeenTsUtc) {

  /** This edge seen again at {@code tsUtc}; itself when that widens nothing. */
  public EdgeRecord seenAt(String tsUtc) {
    String first = tsUtc.compareTo(firstSeenTsUtc) < 0 ? tsUtc : firstSeenTsUtc;
    String last = tsUtc.compareTo(lastSeenTsUtc) > 0 ? tsUtc : lastSeenTsUtc;
    return first.equals(firstSeenTsUtc) && last.equals(lastSeenTsUtc) ? this
        : new EdgeRecord(neighbourIdentifierType, neighbourIdentifierValue, sourceEventId, first, last);
  }

  /** The same link seen from the other end, whose neighbour is {@code identifierType}/{@code identifierValue}. */
  public EdgeRecord reversed(String identifierType, String identifierValue) {
    return new EdgeRecord(identifierType, identifierValue, sourceEventId, firstSeenTsUtc, lastSeenTsUtc);
  }
}
