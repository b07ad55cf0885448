package dev.fp.contract;

import static dev.fp.contract.EnvelopeFields.*;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical event envelope (control_ingress.md §1), every field; optional ones are null when absent.
 *
 * <p>{@code payload} is a deeply unmodifiable {@code Map<String,Object>} of plain JSON values (see {@link JsonValues})
 * rather than a Jackson {@code ObjectNode}: a record must be an immutable value and ObjectNode is mutable; plain maps
 * feed {@link CanonicalJson}/{@link Hashing} directly, wrap into a Vert.x {@code JsonObject} without copying, and keep
 * component cores free of any one JSON library's tree API. {@code seed} is a BigInteger because the contract allows
 * the full unsigned 64-bit range; {@code scenarioId} is a String or a non-negative Long/BigInteger, as on the wire.
 *
 * <p>The constructor only requires the four mandatory fields; use {@link EnvelopeValidator} on the raw JSON first
 * when the source is untrusted. {@link #fromJson} refuses unknown keys and wrongly typed fields with
 * {@link IllegalArgumentException} naming the field.
 */
public record Envelope(
    String eventId, String eventType, String tsUtc, String manifestFingerprint, String parameterHash,
    BigInteger seed, Object scenarioId, String runId, String platformRunId, String scenarioRunId, String emittedAtUtc,
    String schemaVersion, String traceId, String spanId, String parentEventId, String producer,
    Map<String, Object> payload) {

  public Envelope {
    Objects.requireNonNull(eventId, "envelope.event_id");
    Objects.requireNonNull(eventType, "envelope.event_type");
    Objects.requireNonNull(tsUtc, "envelope.ts_utc");
    Objects.requireNonNull(manifestFingerprint, "envelope.manifest_fingerprint");
    payload = payload == null ? null : JsonValues.freezeObject(payload);
  }

  /** Parses envelope JSON text (integers stay integers, fractions become doubles). */
  public static Envelope parse(String json) {
    try {
      return fromJson(Json.readObject(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("envelope.parse: not a JSON object: " + e.getMessage(), e);
    }
  }

  public static Envelope fromJson(Map<?, ?> json) {
    for (Object key : json.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("envelope.fromJson: unknown field " + key);
      }
    }
    return new Envelope(string(json, EVENT_ID), string(json, EVENT_TYPE), string(json, TS_UTC),
        string(json, MANIFEST_FINGERPRINT), string(json, PARAMETER_HASH), seedOf(json.get(SEED)),
        scenarioIdOf(json.get(SCENARIO_ID)), string(json, RUN_ID), string(json, PLATFORM_RUN_ID),
        string(json, SCENARIO_RUN_ID), string(json, EMITTED_AT_UTC), string(json, SCHEMA_VERSION),
        string(json, TRACE_ID), string(json, SPAN_ID), string(json, PARENT_EVENT_ID), string(json, PRODUCER),
        payloadOf(json.get(PAYLOAD)));
  }

  /** Wire form: present fields only, in schema order. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    Object[] values = {eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        platformRunId, scenarioRunId, emittedAtUtc, schemaVersion, traceId, spanId, parentEventId, producer, payload};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        out.put(ALL.get(i), values[i]);
      }
    }
    return out;
  }

  public Envelope withPayload(Map<String, ?> newPayload) {
    return new Envelope(eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        platformRunId, scenarioRunId, emittedAtUtc, schemaVersion, traceId, spanId, parentEventId, producer,
        newPayload == null ? null : JsonValues.freezeObject(newPayload));
  }

  /** Copy bound to a platform run and SR run (the pair every run-scoped record carries). */
  public Envelope withRun(String newPlatformRunId, String newScenarioRunId) {
    return new Envelope(eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        newPlatformRunId, newScenarioRunId, emittedAtUtc, schemaVersion, traceId, spanId, parentEventId, producer,
        payload);
  }

  public Envelope withEmittedAtUtc(String newEmittedAtUtc) {
    return new Envelope(eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        platformRunId, scenarioRunId, newEmittedAtUtc, schemaVersion, traceId, spanId, parentEventId, producer,
        payload);
  }

  public Envelope withTrace(String newTraceId, String newSpanId) {
    return new Envelope(eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        platformRunId, scenarioRunId, emittedAtUtc, schemaVersion, newTraceId, newSpanId, parentEventId, producer,
        payload);
  }

  public Envelope withParentEventId(String newParentEventId) {
    return new Envelope(eventId, eventType, tsUtc, manifestFingerprint, parameterHash, seed, scenarioId, runId,
        platformRunId, scenarioRunId, emittedAtUtc, schemaVersion, traceId, spanId, newParentEventId, producer,
        payload);
  }

  private static String string(Map<?, ?> json, String field) {
    Object value = json.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException("envelope.fromJson: field " + field + " must be a string, got "
        + EnvelopeValidator.jsonType(value));
  }

  private static BigInteger seedOf(Object value) {
    if (value == null) {
      return null;
    }
    if (!JsonValues.isIntegral(value)) {
      throw new IllegalArgumentException("envelope.fromJson: field seed must be an integer, got "
          + EnvelopeValidator.jsonType(value));
    }
    return new BigInteger(value.toString());
  }

  private static Object scenarioIdOf(Object value) {
    if (value == null || value instanceof String || value instanceof Long || value instanceof BigInteger) {
      return value;
    }
    if (JsonValues.isIntegral(value)) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException("envelope.fromJson: field scenario_id must be a string or integer, got "
        + EnvelopeValidator.jsonType(value));
  }

  private static Map<String, Object> payloadOf(Object value) {
    if (value == null) {
      return null;
    }
    if (!JsonValues.isObject(value)) {
      throw new IllegalArgumentException("envelope.fromJson: field payload must be an object, got "
          + EnvelopeValidator.jsonType(value));
    }
    return JsonValues.freezeObject(value);
  }
}
