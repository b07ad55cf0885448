package dev.fp.rtdl.ieg.store;

/**
 * An entity (v0: one per identifier value under one set of pins, reference rtdl §2): its type, the identifier it was
 * resolved from, its scenario run, when it was first and last seen by event time ({@code ts_utc}) and the event of
 * its first sighting (the smallest event id at the first time). Every field is a function of the set of events
 * applied, not of their order, so a restart that batches the topics differently ends in the same row.
 */
public record EntityRecord(String entityType, String identifierType, String identifierValue, String scenarioRunId,
                           String firstSeenTsUtc, String firstEventId, String lastSeenTsUtc) {

  /** This entity seen again at {@code tsUtc} by {@code eventId}; itself when that changes nothing. */
  public EntityRecord seenAt(String tsUtc, String eventId) {
    SeenWindow w = SeenWindow.widen(firstSeenTsUtc, firstEventId, lastSeenTsUtc, tsUtc, eventId);
    return w == null ? this : new EntityRecord(entityType, identifierType, identifierValue, scenarioRunId, w.first(),
        w.firstEventId(), w.last());
  }
}
