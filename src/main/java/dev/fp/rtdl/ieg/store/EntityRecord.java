package dev.fp.rtdl.ieg.store;

/**
 * An entity (v0: one per identifier value under one set of pins, reference rtdl §2): its type, the identifier it was
 * resolved from, the pins of its scope, and when it was first and last seen by event time ({@code ts_utc}).
 */
public record EntityRecord(String entityType, String identifierType, String identifierValue, String scenarioRunId,
                           String firstSeenTsUtc, String lastSeenTsUtc) {

  /** This entity seen again at {@code tsUtc}; itself when that widens nothing. */
  public EntityRecord seenAt(String tsUtc) {
    String first = tsUtc.compareTo(firstSeenTsUtc) < 0 ? tsUtc : firstSeenTsUtc;
    String last = tsUtc.compareTo(lastSeenTsUtc) > 0 ? tsUtc : lastSeenTsUtc;
    return first.equals(firstSeenTsUtc) && last.equals(lastSeenTsUtc) ? this
        : new EntityRecord(entityType, identifierType, identifierValue, scenarioRunId, first, last);
  }
}
