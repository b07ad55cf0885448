package dev.fp.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CaseTrigger contract (case_ops_obs.md §1.3) and its wire envelope (§1.4). {@link #build} derives
 * {@code case_id}, {@code case_trigger_id} and {@code payload_hash} with {@link Ids}; {@link #validate} recomputes
 * them from a received payload and rejects any disagreement, so a consumer never trusts a supplied id. Pure: no clock,
 * no I/O.
 */
public final class CaseTriggers {
  public static final String EVENT_TYPE = "case_trigger";
  public static final String PRODUCER = "case_trigger";
  public static final String SCHEMA_VERSION = "v1";
  public static final String DECISION_ESCALATION = "DECISION_ESCALATION";
  public static final String ACTION_FAILURE = "ACTION_FAILURE";
  public static final List<String> TRIGGER_TYPES =
      List.of(DECISION_ESCALATION, ACTION_FAILURE, "ANOMALY", "EXTERNAL_SIGNAL", "MANUAL_ASSERTION");
  public static final Set<String> REF_TYPES = Set.of("DLA_AUDIT_RECORD", "DECISION", "ACTION_OUTCOME",
      "EB_ORIGIN_OFFSET", "CASE_EVENT", "EXTERNAL_REF");
  /** The six required pins, in envelope order. */
  public static final List<String> PINS = List.of("platform_run_id", "scenario_run_id", "manifest_fingerprint",
      "parameter_hash", "scenario_id", "seed");
  private static final List<String> REF_FIELDS = List.of("ref_type", "ref_id", "ref_scope");

  private CaseTriggers() {
  }

  /** A payload that breaks the contract: {@code code} is the reason a consumer counts, the message says what. */
  public static final class Invalid extends CodedFailure {
    Invalid(String code, String detail) {
      super(code, detail, "fix the producer of case_trigger payloads; the record is not a valid CaseTrigger", true);
    }
  }

  /**
   * A CaseTrigger wire map. The subject's run is the pins' run; refs are sorted (ref_scope kept only when non-empty);
   * an empty trigger_payload is omitted, as the reference does. The result passes {@link #validate}.
   */
  public static Map<String, Object> build(String triggerType, String sourceRefId, String eventClass, String eventId,
      Map<String, ?> pins, List<? extends Map<String, ?>> evidenceRefs, String observedTime,
      Map<String, ?> triggerPayload) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("platform_run_id", pins.get("platform_run_id"));
    subject.put("event_class", eventClass);
    subject.put("event_id", eventId);
    Map<String, Object> t = new LinkedHashMap<>();
    String caseId = Ids.caseId(text(pins.get("platform_run_id")), eventClass, eventId);
    t.put("case_id", caseId);
    t.put("case_trigger_id", Ids.caseTriggerId(caseId, triggerType, sourceRefId));
    t.put("trigger_type", triggerType);
    t.put("source_ref_id", sourceRefId);
    t.put("case_subject_key", subject);
    t.put("pins", new LinkedHashMap<>(pins));
    t.put("evidence_refs", sortedRefs(evidenceRefs));
    t.put("observed_time", observedTime);
    if (triggerPayload != null && !triggerPayload.isEmpty()) {
      t.put("trigger_payload", new LinkedHashMap<>(triggerPayload));
    }
    t.put("payload_hash", Ids.caseTriggerPayloadHash(t));
    validate(t);
    return t;
  }

  /** The §1.4 envelope: event_id = case_trigger_id, ts_utc = observed_time, parent = source_ref_id. */
  public static Map<String, Object> envelope(Map<String, ?> trigger) {
    Map<String, ?> pins = asMap(trigger.get("pins"));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", trigger.get("case_trigger_id"));
    e.put("event_type", EVENT_TYPE);
    e.put("schema_version", SCHEMA_VERSION);
    e.put("ts_utc", trigger.get("observed_time"));
    for (String pin : PINS) {
      e.put(pin, pins.get(pin));
    }
    if (pins.get("run_id") != null) {
      e.put("run_id", pins.get("run_id"));
    }
    e.put("parent_event_id", trigger.get("source_ref_id"));
    e.put("producer", PRODUCER);
    e.put("payload", trigger);
    return e;
  }

  /**
   * Checks a received CaseTrigger: fields and formats, the six pins, subject run = pins run, known ref types, refs
   * sorted, then the recomputed case_id, case_trigger_id and payload_hash. Throws {@link Invalid} with the first
   * problem found.
   */
  public static void validate(Map<String, ?> trigger) {
    String triggerType = requiredText(trigger, "trigger_type");
    if (!TRIGGER_TYPES.contains(triggerType)) {
      throw new Invalid("TRIGGER_TYPE_UNKNOWN", "trigger_type " + triggerType + " is not one of " + TRIGGER_TYPES);
    }
    String sourceRefId = requiredText(trigger, "source_ref_id");
    Map<String, ?> pins = requiredMap(trigger, "pins");
    checkPins(pins);
    Map<String, ?> subject = requiredMap(trigger, "case_subject_key");
    String subjectRun = requiredText(subject, "case_subject_key.platform_run_id");
    String eventClass = requiredText(subject, "case_subject_key.event_class");
    String eventId = requiredText(subject, "case_subject_key.event_id");
    if (!subjectRun.equals(pins.get("platform_run_id"))) {
      throw new Invalid("RUN_SCOPE_MISMATCH", "case_subject_key.platform_run_id " + subjectRun
          + " differs from pins.platform_run_id " + pins.get("platform_run_id"));
    }
    String observed = requiredText(trigger, "observed_time");
    if (!Timestamps.isWireInstant(observed)) {
      throw new Invalid("CONTRACT_INVALID:observed_time", "observed_time " + observed
          + " is not YYYY-MM-DDTHH:MM:SS.ffffffZ");
    }
    checkRefs(trigger.get("evidence_refs"));
    Object payload = trigger.get("trigger_payload");
    if (payload != null && !(payload instanceof Map<?, ?>)) {
      throw new Invalid("CONTRACT_INVALID:trigger_payload", "trigger_payload must be an object");
    }
    String caseId = Ids.caseId(subjectRun, eventClass, eventId);
    expect("CASE_ID_MISMATCH", "case_id", caseId, trigger.get("case_id"));
    expect("CASE_TRIGGER_ID_MISMATCH", "case_trigger_id", Ids.caseTriggerId(caseId, triggerType, sourceRefId),
        trigger.get("case_trigger_id"));
    expect("PAYLOAD_HASH_MISMATCH", "payload_hash", Ids.caseTriggerPayloadHash(trigger), trigger.get("payload_hash"));
  }

  /** The pins rules of §0: run id, hex32 scenario run, hex64 fingerprint and parameter hash, scenario id, seed ≥ 0. */
  private static void checkPins(Map<String, ?> pins) {
    for (String pin : PINS) {
      if (pins.get(pin) == null) {
        throw new Invalid("PINS_INVALID:" + pin, "pins." + pin + " is missing");
      }
    }
    pinFormat(pins, "platform_run_id", WireFormats.isPlatformRunId(text(pins.get("platform_run_id"))),
        "platform_YYYYMMDDTHHMMSSZ");
    pinFormat(pins, "scenario_run_id", WireFormats.isHex32(text(pins.get("scenario_run_id"))), "32 lower-case hex");
    pinFormat(pins, "manifest_fingerprint", WireFormats.isHex64(text(pins.get("manifest_fingerprint"))),
        "64 lower-case hex");
    pinFormat(pins, "parameter_hash", WireFormats.isHex64(text(pins.get("parameter_hash"))), "64 lower-case hex");
    Object scenarioId = pins.get("scenario_id");
    pinFormat(pins, "scenario_id", scenarioId instanceof String s ? !s.isEmpty() : isInteger(scenarioId),
        "a non-empty string");
    Object seed = pins.get("seed");
    pinFormat(pins, "seed", isInteger(seed) && new BigInteger(String.valueOf(seed)).signum() >= 0,
        "an integer >= 0 (not a boolean)");
    if (pins.get("run_id") != null) {
      pinFormat(pins, "run_id", WireFormats.isHex32(text(pins.get("run_id"))), "32 lower-case hex");
    }
  }

  private static void pinFormat(Map<String, ?> pins, String pin, boolean ok, String expected) {
    if (!ok) {
      throw new Invalid("PINS_INVALID:" + pin, "pins." + pin + " = " + pins.get(pin) + " is not " + expected);
    }
  }

  private static void checkRefs(Object value) {
    if (!(value instanceof List<?> refs)) {
      throw new Invalid("CONTRACT_INVALID:evidence_refs", "evidence_refs must be a list");
    }
    List<Map<String, Object>> seen = new ArrayList<>();
    for (Object item : refs) {
      if (!(item instanceof Map<?, ?> ref)) {
        throw new Invalid("CONTRACT_INVALID:evidence_refs", "every evidence ref must be an object");
      }
      Map<String, Object> normalized = normalizeRef(ref);
      if (!REF_TYPES.contains(normalized.get("ref_type"))) {
        throw new Invalid("REF_TYPE_UNKNOWN", "evidence ref_type " + ref.get("ref_type") + " is not one of "
            + List.copyOf(new java.util.TreeSet<>(REF_TYPES)));
      }
      if (((String) normalized.get("ref_id")).isEmpty()) {
        throw new Invalid("CONTRACT_INVALID:evidence_refs", "evidence ref " + ref.get("ref_type") + " has no ref_id");
      }
      if (!seen.isEmpty() && compareRefs(seen.get(seen.size() - 1), normalized) > 0) {
        throw new Invalid("EVIDENCE_REFS_UNSORTED", "evidence_refs are not sorted by (ref_type, ref_id, ref_scope)");
      }
      seen.add(normalized);
    }
  }

  private static List<Map<String, Object>> sortedRefs(List<? extends Map<String, ?>> refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, ?> ref : refs) {
      Map<String, Object> wire = new LinkedHashMap<>();
      wire.put("ref_type", ref.get("ref_type"));
      wire.put("ref_id", ref.get("ref_id"));
      if (ref.get("ref_scope") != null && !String.valueOf(ref.get("ref_scope")).isEmpty()) {
        wire.put("ref_scope", ref.get("ref_scope"));
      }
      out.add(wire);
    }
    out.sort((a, b) -> compareRefs(normalizeRef(a), normalizeRef(b)));
    return out;
  }

  private static Map<String, Object> normalizeRef(Map<?, ?> ref) {
    Map<String, Object> n = new LinkedHashMap<>();
    REF_FIELDS.forEach(f -> n.put(f, PyStr.strOrEmpty(ref.get(f))));
    return n;
  }

  private static int compareRefs(Map<String, Object> a, Map<String, Object> b) {
    for (String field : REF_FIELDS) {
      int c = CodePointOrder.INSTANCE.compare((String) a.get(field), (String) b.get(field));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static void expect(String code, String field, String expected, Object supplied) {
    if (!expected.equals(supplied)) {
      throw new Invalid(code, field + " " + supplied + " does not match the recomputed " + expected);
    }
  }

  private static String requiredText(Map<String, ?> m, String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    if (!(m.get(key) instanceof String s) || s.isEmpty()) {
      throw new Invalid("CONTRACT_INVALID:" + path, path + " must be a non-empty string");
    }
    return s;
  }

  private static Map<String, ?> requiredMap(Map<String, ?> m, String key) {
    Map<String, ?> value = asMap(m.get(key));
    if (value == null) {
      throw new Invalid("CONTRACT_INVALID:" + key, key + " must be an object");
    }
    return value;
  }

  private static boolean isInteger(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short;
  }

  private static String text(Object v) {
    return v instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, ?>) m : null;
  }
}
