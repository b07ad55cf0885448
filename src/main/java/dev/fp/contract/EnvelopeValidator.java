package dev.fp.contract;

import static dev.fp.contract.EnvelopeFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fp.contract.EnvelopeViolation.Code;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Strict validation of a parsed envelope exactly as control_ingress.md §1 (the JSON Schema
 * {@code schemas/canonical_event_envelope.schema.json} states the same rules): required fields, exact formats
 * (6-digit-micro {@code Z} timestamps, lower-case hex64/hex32, platform run id), string lengths in code points,
 * {@code seed} an integer in 0..2^64-1 (booleans and floats refused, even 42.0), {@code scenario_id} a string of
 * 1..256 or an integer >= 0, {@code payload} an object, and no unknown top-level key. Timestamps must also name a
 * calendar instant ({@link Timestamps#calendarProblem}: no second 60, hour 24, month 13, February 30 or year 0000),
 * which the reference did not check: such strings reached its bus and broke every downstream parser.
 *
 * <p>Hand-written for the admission hot path (no schema engine); reports every violation rather than the first.
 * Accepts a {@link Map} or a Jackson {@link JsonNode} (convert other trees at the edge); anything else is
 * {@link Code#NOT_AN_OBJECT}. Pure and thread-safe.
 */
public final class EnvelopeValidator {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private EnvelopeValidator() {
  }

  public static EnvelopeValidation validate(Object json) {
    if (json instanceof JsonNode node && node.isObject()) {
      return validateMap((Map<?, ?>) JsonValues.plain(node));
    }
    if (json instanceof Map<?, ?> map) {
      return validateMap(map);
    }
    String got = json instanceof JsonNode node ? node.getNodeType().toString().toLowerCase() : jsonType(json);
    EnvelopeViolation notObject = new EnvelopeViolation("", Code.NOT_AN_OBJECT, "expected object, got " + got);
    return new EnvelopeValidation(List.of(notObject));
  }

  private static EnvelopeValidation validateMap(Map<?, ?> json) {
    List<EnvelopeViolation> violations = new ArrayList<>();
    for (String field : ALL) {
      if (json.containsKey(field)) {
        EnvelopeViolation v = check(field, json.get(field));
        if (v != null) {
          violations.add(v);
        }
      } else if (REQUIRED.contains(field)) {
        violations.add(new EnvelopeViolation(field, Code.FIELD_MISSING, "required field is absent"));
      }
    }
    unknownKeys(json).forEach(key -> violations.add(
        new EnvelopeViolation(key, Code.FIELD_UNKNOWN, "not an envelope field (additionalProperties is false)")));
    return new EnvelopeValidation(violations);
  }

  private static List<String> unknownKeys(Map<?, ?> json) {
    List<String> unknown = new ArrayList<>();
    for (Object key : json.keySet()) {
      if (!KNOWN.contains(key)) {
        unknown.add(String.valueOf(key));
      }
    }
    unknown.sort(CodePointOrder.INSTANCE);
    return unknown;
  }

  private static EnvelopeViolation check(String field, Object value) {
    return switch (field) {
      case EVENT_ID, PARENT_EVENT_ID, EVENT_TYPE -> text(field, value, 256);
      case SCHEMA_VERSION -> text(field, value, 64);
      case TRACE_ID, SPAN_ID, PRODUCER -> text(field, value, 128);
      case TS_UTC, EMITTED_AT_UTC -> timestamp(field, value);
      case MANIFEST_FINGERPRINT, PARAMETER_HASH -> shaped(field, value, WireFormats::isHex64, "64 lower-case hex");
      case RUN_ID, SCENARIO_RUN_ID -> shaped(field, value, WireFormats::isHex32, "32 lower-case hex chars");
      case PLATFORM_RUN_ID -> shaped(field, value, WireFormats::isPlatformRunId, "platform_YYYYMMDDTHHMMSSZ");
      case SEED -> seed(value);
      case SCENARIO_ID -> scenarioId(value);
      case PAYLOAD -> JsonValues.isObject(value) ? null : wrongType(field, "object", value);
      default -> throw new IllegalStateException("envelope validator: no rule for field " + field);
    };
  }

  private static EnvelopeViolation text(String field, Object value, int maxLength) {
    if (!(value instanceof String s)) {
      return wrongType(field, "string", value);
    }
    int length = s.codePointCount(0, s.length());
    if (length < 1 || length > maxLength) {
      return new EnvelopeViolation(field, Code.FIELD_LENGTH, "length " + length + " outside 1.." + maxLength);
    }
    return null;
  }

  private static EnvelopeViolation shaped(String field, Object value, Predicate<String> rule, String shape) {
    if (!(value instanceof String s)) {
      return wrongType(field, "string", value);
    }
    return rule.test(s) ? null : new EnvelopeViolation(field, Code.FIELD_FORMAT, "expected " + shape);
  }

  private static EnvelopeViolation timestamp(String field, Object value) {
    EnvelopeViolation shape = shaped(field, value, WireFormats::isMicrosTimestamp, "YYYY-MM-DDTHH:MM:SS.ffffffZ");
    if (shape != null) {
      return shape;
    }
    String problem = Timestamps.calendarProblem((String) value);
    return problem == null ? null : new EnvelopeViolation(field, Code.FIELD_RANGE, "not a calendar instant: " + problem);
  }

  private static EnvelopeViolation seed(Object value) {
    if (!JsonValues.isIntegral(value)) {
      return wrongType(SEED, "integer", value);
    }
    boolean inRange = value instanceof BigInteger big ? big.signum() >= 0 && big.compareTo(UINT64_MAX) <= 0
        : ((Number) value).longValue() >= 0;
    return inRange ? null : new EnvelopeViolation(SEED, Code.FIELD_RANGE, "seed " + value + " outside 0..2^64-1");
  }

  private static EnvelopeViolation scenarioId(Object value) {
    if (value instanceof String) {
      return text(SCENARIO_ID, value, 256);
    }
    if (!JsonValues.isIntegral(value)) {
      return wrongType(SCENARIO_ID, "string or integer", value);
    }
    boolean negative = value instanceof BigInteger big ? big.signum() < 0 : ((Number) value).longValue() < 0;
    return negative ? new EnvelopeViolation(SCENARIO_ID, Code.FIELD_RANGE, "integer scenario_id must be >= 0") : null;
  }

  private static EnvelopeViolation wrongType(String field, String expected, Object value) {
    return new EnvelopeViolation(field, Code.FIELD_TYPE, "expected " + expected + ", got " + jsonType(value));
  }

  static String jsonType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return JsonValues.isIntegral(value) ? "integer" : "number";
    }
    if (JsonValues.isObject(value)) {
      return "object";
    }
    boolean array = value instanceof List<?>;
    return array ? "array" : JsonValues.typeName(value);
  }
}
