package dev.fp.rtdl.ieg.store;

/**
 * An edge seen from one end: the neighbour's identifier (so a neighbours answer needs no second read), when the link
 * was first and last seen by event time and the event of its first sighting (smallest event id at the first time,
 * independent of arrival order). Both directions hold the same times.
 */
public record EdgeRecord(String neighbourIdentifierType, String neighbourIdentifierValue, String firstSeenTsUtc,
                         String firstEventId, String lastSeenTsUtc) {

  /** This edge seen again at {@code tsUtc} by {@code eventId}; itself when that changes nothing. */
  public EdgeRecord seenAt(String tsUtc, String eventId) {
    SeenWindow w = SeenWindow.widen(firstSeenTsUtc, firstEventId, lastSeenTsUtc, tsUtc, eventId);
    return w == null ? this : new EdgeRecord(neighbourIdentifierType, neighbourIdentifierValue, w.first(),
        w.firstEventId(), w.last());
  }

  /** The same link seen from the other end, whose neighbour is {@code identifierType}/{@code identifierValue}. */
  public EdgeRecord reversed(String identifierType, String identifierValue) {
    return new EdgeRecord(identifierType, identifierValue, firstSeenTsUtc, firstEventId, lastSeenTsUtc);
  }
}
