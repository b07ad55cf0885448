package dev.fp.ingress.ig.core;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.EnvelopeValidation;
import dev.fp.contract.EnvelopeValidator;
import dev.fp.contract.EventRoute;
import dev.fp.contract.Ids;
import dev.fp.contract.JsonScan;
import dev.fp.contract.ReasonCodes;
import dev.fp.contract.Timestamps;
import dev.fp.contract.WireFormats;
import dev.fp.platform.auth.ApiPrincipal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure part of the admission pipeline, in the reference's order: authorization of the event class (403),
 * envelope schema (ENVELOPE_INVALID), class pins (PINS_MISSING, detail = the missing pins), schema policy
 * (SCHEMA_POLICY_MISSING, SCHEMA_VERSION_REQUIRED, SCHEMA_VERSION_NOT_ALLOWED), payload schema (SCHEMA_FAIL), identity
 * ({@code payload_hash}, {@code dedupe_key}) and partition key. An unexpected exception in these steps is
 * INTERNAL_ERROR. Beyond its JSON Schema, a payload string written in the wire timestamp form must name a calendar
 * instant (SCHEMA_FAIL naming its path: {@code decided_at_utc} with second 60 would break every consumer that parses
 * it). Deterministic and thread-safe.
 */
public final class AdmissionChecks {
  private final IgPolicy policy;
  private final PayloadSchemas schemas;

  public AdmissionChecks(IgPolicy policy, PayloadSchemas schemas) {
    this.policy = policy;
    this.schemas = schemas;
  }

  /** The event class of an event type (the class map's default for unknown types). */
  public String classOf(String eventType) {
    return policy.classOf(eventType);
  }

  public Checked check(Map<String, Object> envelope, ApiPrincipal principal) {
    String eventType = text(envelope, EnvelopeFields.EVENT_TYPE);
    String eventClass = eventType == null ? null : policy.classOf(eventType);
    if (eventClass != null && !principal.mayProduce(eventClass)) {
      return new Checked.Forbidden(eventClass);
    }
    try {
      return validate(envelope, eventType, eventClass);
    } catch (RuntimeException e) {
      return new Checked.Rejected(envelope, eventClass, ReasonCodes.INTERNAL_ERROR,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Checked validate(Map<String, Object> envelope, String eventType, String eventClass) {
    EnvelopeValidation v = EnvelopeValidator.validate(envelope);
    if (!v.isValid()) {
      return new Checked.Rejected(envelope, eventClass, ReasonCodes.ENVELOPE_INVALID, v.explained());
    }
    List<String> missing = policy.classMap().missingPins(eventClass, envelope);
    if (!missing.isEmpty()) {
      return new Checked.Rejected(envelope, eventClass, ReasonCodes.PINS_MISSING, String.join(",", missing));
    }
    String schemaProblem = schemaProblem(envelope, eventType);
    if (schemaProblem != null) {
      int colon = schemaProblem.indexOf(':');
      return new Checked.Rejected(envelope, eventClass, schemaProblem.substring(0, colon),
          schemaProblem.substring(colon + 1));
    }
    return candidate(envelope, eventType, eventClass);
  }

  /** {@code REASON:detail} of the first failed schema-policy rule, or null. */
  private String schemaProblem(Map<String, Object> envelope, String eventType) {
    Optional<SchemaPolicy.Rule> found = policy.schemaRule(eventType);
    if (found.isEmpty()) {
      return ReasonCodes.SCHEMA_POLICY_MISSING + ":no schema policy for event_type " + eventType;
    }
    SchemaPolicy.Rule rule = found.get();
    String version = text(envelope, EnvelopeFields.SCHEMA_VERSION);
    if (rule.schemaVersionRequired() && version == null) {
      return ReasonCodes.SCHEMA_VERSION_REQUIRED + ":" + eventType + " requires schema_version";
    }
    if (!rule.allowedSchemaVersions().isEmpty() && !rule.allowedSchemaVersions().contains(version)) {
      return ReasonCodes.SCHEMA_VERSION_NOT_ALLOWED + ":schema_version " + version + " not in "
          + rule.allowedSchemaVersions();
    }
    List<String> errors = schemas.validate(rule.payloadSchemaRef(), envelope.get(EnvelopeFields.PAYLOAD));
    if (!errors.isEmpty()) {
      return ReasonCodes.SCHEMA_FAIL + ":" + String.join("; ", errors);
    }
    JsonScan.Problem ts = JsonScan.first(envelope.get(EnvelopeFields.PAYLOAD), "$.payload", WIRE_TIMESTAMPS);
    return ts == null ? null : ReasonCodes.SCHEMA_FAIL + ":" + ts;
  }

  /** A string in the wire timestamp form that is not a calendar instant. */
  private static final JsonScan.Rule WIRE_TIMESTAMPS = new JsonScan.Rule() {
    @Override
    public String string(String value) {
      if (!WireFormats.isMicrosTimestamp(value)) {
        return null;
      }
      String problem = Timestamps.calendarProblem(value);
      return problem == null ? null : value + " is not a calendar instant: " + problem;
    }
  };

  private Checked.Candidate candidate(Map<String, Object> envelope, String eventType, String eventClass) {
    String eventId = text(envelope, EnvelopeFields.EVENT_ID);
    String platformRunId = text(envelope, EnvelopeFields.PLATFORM_RUN_ID);
    String payloadHash = Ids.payloadHash(eventType, text(envelope, EnvelopeFields.SCHEMA_VERSION),
        envelope.get(EnvelopeFields.PAYLOAD));
    String dedupeKey = Ids.dedupeKey(platformRunId, eventClass, eventId);
    EventRoute route = policy.routeOf(eventClass);
    String partitionKey = null;
    String partitionReason = null;
    if (!policy.partitioning().supportedHash()) {
      partitionReason = ReasonCodes.UNSUPPORTED_HASH_ALGO;
    } else {
      Optional<String> key = route.partitionKey(envelope);
      partitionKey = key.orElse(null);
      partitionReason = key.isPresent() ? null : ReasonCodes.PARTITION_KEY_MISSING;
    }
    return new Checked.Candidate(envelope, eventId, eventType, eventClass, platformRunId == null ? "" : platformRunId,
        dedupeKey, payloadHash, route, partitionKey, partitionReason);
  }

  static String text(Map<String, ?> envelope, String field) {
    return envelope.get(field) instanceof String s ? s : null;
  }
}
