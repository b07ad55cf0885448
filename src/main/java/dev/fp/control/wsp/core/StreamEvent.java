package dev.fp.control.wsp.core;

import dev.fp.contract.Envelope;

/**
 * One row of a stream view turned into the envelope WSP pushes, with its coordinates: the part file, the row's
 * 0-based index in it, and its event time in epoch microseconds ({@link Long#MIN_VALUE} when ts_utc did not parse,
 * so pacing ignores it). {@code json} is the envelope's wire JSON, encoded once.
 */
public record StreamEvent(String part, long rowIndex, long eventMicros, Envelope envelope, String json) {

  public String eventId() {
    return envelope.eventId();
  }

  public String tsUtc() {
    return envelope.tsUtc();
  }
}
