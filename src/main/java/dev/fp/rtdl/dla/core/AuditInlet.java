package dev.fp.rtdl.dla.core;

import dev.fp.contract.Hashing;
import dev.fp.platform.stream.core.StreamRecord;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DLA's intake checks (reference rtdl §8 step 1) and what it keeps of an accepted event: the three rtdl families only,
 * schema {@code v1}, an event id, the six pins, and each family's link ids in their contract formats.
 */
public final class AuditInlet {
  public static final String DECISION = "decision_response";
  public static final String INTENT = "action_intent";
  public static final String OUTCOME = "action_outcome";
  public static final List<String> FAMILIES = List.of(DECISION, INTENT, OUTCOME);
  static final List<String> PINS = List.of("manifest_fingerprint", "parameter_hash", "seed", "scenario_id",
      "platform_run_id", "scenario_run_id");
  static final Pattern HEX32 = Pattern.compile("^[a-f0-9]{32}$");

  /**
   * An accepted event: its family, id, payload hash and links ({@code actionId} for intents and outcomes,
   * {@code outcomeId} and {@code status} for outcomes), or a refusal ({@code reason}, {@code detail}).
   */
  public record Observed(String family, String eventId, String payloadHash, String decisionId, String actionId,
                         String outcomeId, String status, String runConfigDigest, String scenarioRunId, String tsUtc,
                         String reason, String detail) {
    static Observed refused(String family, String eventId, String reason, String detail) {
      return new Observed(family, eventId, null, null, null, null, null, null, null, null, reason, detail);
    }

    public boolean accepted() {
      return reason == null;
    }
  }

  private AuditInlet() {
  }

  public static Observed observe(StreamRecord r) {
    return observe(r, true);
  }

  /**
   * What {@link #observe} says of {@code r} but its payload hash (null): the family, ids and links, or the refusal —
   * all a prefetch needs, without hashing the whole envelope a second time.
   */
  public static Observed links(StreamRecord r) {
    return observe(r, false);
  }

  private static Observed observe(StreamRecord r, boolean hash) {
    Map<String, Object> e = r.envelope();
    String family = r.eventType();
    String eventId = r.eventId();
    if (family == null || !FAMILIES.contains(family)) {
      return Observed.refused(family, eventId, "UNKNOWN_EVENT_FAMILY", "event_type " + family);
    }
    if (eventId == null || eventId.isEmpty()) {
      return Observed.refused(family, null, "MISSING_EVENT_ID", "no event_id");
    }
    Object version = e.get("schema_version");
    if (version == null) {
      return Observed.refused(family, eventId, "SCHEMA_VERSION_REQUIRED", "no schema_version");
    }
    if (!"v1".equals(version)) {
      return Observed.refused(family, eventId, "SCHEMA_VERSION_NOT_ALLOWED", "schema_version " + version);
    }
    for (String pin : PINS) {
      if (e.get(pin) == null || String.valueOf(e.get(pin)).isEmpty()) {
        return Observed.refused(family, eventId, "MISSING_REQUIRED_PINS", "no " + pin);
      }
    }
    Map<String, Object> p = r.payload();
    String decisionId = hex32(p.get("decision_id"));
    if (decisionId == null) {
      return Observed.refused(family, eventId, "PAYLOAD_CONTRACT_INVALID", "payload.decision_id is not hex32");
    }
    String actionId = null;
    String outcomeId = null;
    String status = null;
    if (!family.equals(DECISION)) {
      actionId = hex32(p.get("action_id"));
      if (actionId == null) {
        return Observed.refused(family, eventId, "PAYLOAD_CONTRACT_INVALID", "payload.action_id is not hex32");
      }
    }
    if (family.equals(OUTCOME)) {
      outcomeId = hex32(p.get("outcome_id"));
      status = p.get("status") instanceof String s ? s : null;
      if (outcomeId == null || status == null) {
        return Observed.refused(family, eventId, "PAYLOAD_CONTRACT_INVALID",
            "payload.outcome_id is not hex32 or payload.status is missing");
      }
    }
    String digest = p.get("run_config_digest") instanceof String s ? s : null;
    return new Observed(family, eventId, hash ? Hashing.canonicalHash(e) : null, decisionId, actionId, outcomeId, status, digest,
        String.valueOf(e.get("scenario_run_id")), r.tsUtc(), null, null);
  }

  private static String hex32(Object v) {
    return v instanceof String s && HEX32.matcher(s).matches() ? s : null;
  }
}
