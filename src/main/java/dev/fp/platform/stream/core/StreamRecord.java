package dev.fp.platform.stream.core;

import java.util.Map;

/**
 * One event-log record of this run, decoded once by the shell: its coordinates and its JSON envelope as plain Java
 * values ({@code Map}, {@code List}, String, Boolean, Integer/Long/BigInteger, Double, null; see
 * {@code dev.fp.contract.JsonValues}). Cores read it and never modify it.
 *
 * @param offset         the record's offset in its partition ({@code file_line}: line number; {@code kinesis_sequence})
 * @param publishedAtUtc when the log accepted it (wall clock of the publisher; empty when the log does not say)
 */
public record StreamRecord(String topic, int partition, String offset, String offsetKind, String publishedAtUtc,
                           Map<String, Object> envelope) {

  public String eventId() {
    return text(envelope.get("event_id"));
  }

  public String eventType() {
    return text(envelope.get("event_type"));
  }

  public String tsUtc() {
    return text(envelope.get("ts_utc"));
  }

  /** {@code platform_run_id} of the envelope, else of {@code payload.pins}; null when neither has one. */
  public String platformRunId() {
    return RunScope.runIdOf(envelope);
  }

  /** The envelope's payload object, or an empty map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> payload() {
    return envelope.get("payload") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String text(Object v) {
    return v instanceof String s ? s : null;
  }
}
