package dev.fp.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LabelAssertion contract (case_ops_obs §3.2): builds the wire map with its deterministic
 * {@code label_assertion_id} and {@code payload_hash} ({@link Ids}), and validates a supplied one against a
 * {@link LabelTaxonomy}, recomputing both. Pure and thread-safe.
 *
 * <p>Wire form: {@code {label_assertion_id, case_timeline_event_id, label_subject_key{platform_run_id, event_id},
 * pins{platform_run_id, scenario_run_id, manifest_fingerprint, parameter_hash, scenario_id, seed[, run_id]},
 * label_type, label_value, effective_time, observed_time, source_type[, actor_id], evidence_refs[{ref_type, ref_id[,
 * ref_scope]}] sorted by (ref_type, ref_id, ref_scope), payload_hash[, label_payload]}}, times as
 * {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}.
 */
public final class LabelAssertions {
  /** Reason prefix of a contract violation; the full code is {@code CONTRACT_INVALID:<field>}. */
  public static final String CONTRACT_INVALID = "CONTRACT_INVALID";
  public static final String MISSING_EVIDENCE_REFS = "MISSING_EVIDENCE_REFS";

  private static final Set<String> FIELDS = Set.of("label_assertion_id", "case_timeline_event_id",
      "label_subject_key", "pins", "label_type", "label_value", "effective_time", "observed_time", "source_type",
      "actor_id", "evidence_refs", "payload_hash", "label_payload");
  private static final Set<String> SUBJECT_FIELDS = Set.of("platform_run_id", "event_id");
  private static final Set<String> PIN_FIELDS = Set.of("platform_run_id", "scenario_run_id", "manifest_fingerprint",
      "parameter_hash", "scenario_id", "seed", "run_id");
  private static final Set<String> REF_FIELDS = Set.of("ref_type", "ref_id", "ref_scope");
  private static final Comparator<Map<String, Object>> REF_ORDER = Comparator
      .<Map<String, Object>, String>comparing(r -> field(r, "ref_type"), CodePointOrder.INSTANCE)
      .thenComparing(r -> field(r, "ref_id"), CodePointOrder.INSTANCE)
      .thenComparing(r -> field(r, "ref_scope"), CodePointOrder.INSTANCE);

  private LabelAssertions() {
  }

  /**
   * What an asserter says; {@link #build} derives the ids. {@code actorId} and {@code labelPayload} may be null;
   * evidence refs are {@code {ref_type, ref_id[, ref_scope]}} in any order.
   */
  public record Draft(String caseTimelineEventId, String platformRunId, String eventId, Map<String, ?> pins,
                      String labelType, String labelValue, String effectiveTime, String observedTime,
                      String sourceType, String actorId, List<? extends Map<String, ?>> evidenceRefs,
                      Map<String, ?> labelPayload) {
  }

  /** A LabelAssertion that breaks the contract; {@link #code()} is the writer boundary's reason code. */
  public static final class Invalid extends CodedFailure {
    Invalid(String code, String detail) {
      super(code, detail, "fix the label assertion's producer; nothing was stored", true);
    }
  }

  /** The wire map of {@code draft} with its id and payload hash; refs sorted, empty {@code ref_scope} left out. */
  public static Map<String, Object> build(Draft draft) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("platform_run_id", draft.platformRunId());
    subject.put("event_id", draft.eventId());
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("label_assertion_id", Ids.labelAssertionId(draft.caseTimelineEventId(), draft.platformRunId(),
        draft.eventId(), draft.labelType()));
    a.put("case_timeline_event_id", draft.caseTimelineEventId());
    a.put("label_subject_key", subject);
    a.put("pins", new LinkedHashMap<>(draft.pins()));
    a.put("label_type", draft.labelType());
    a.put("label_value", draft.labelValue());
    a.put("effective_time", draft.effectiveTime());
    a.put("observed_time", draft.observedTime());
    a.put("source_type", draft.sourceType());
    if (draft.actorId() != null) {
      a.put("actor_id", draft.actorId());
    }
    a.put("evidence_refs", sortedRefs(draft.evidenceRefs()));
    if (draft.labelPayload() != null && !draft.labelPayload().isEmpty()) {
      a.put("label_payload", new LinkedHashMap<>(draft.labelPayload()));
    }
    a.put("payload_hash", Ids.labelAssertionPayloadHash(a));
    return a;
  }

  /**
   * Checks {@code assertion} field by field against the contract and {@code taxonomy}, then recomputes its id and
   * payload hash; returns it as plain JSON values. Throws {@link Invalid} with code
   * {@code CONTRACT_INVALID:<field>} (e.g. {@code CONTRACT_INVALID:pins.seed},
   * {@code CONTRACT_INVALID:payload_hash}) or {@value #MISSING_EVIDENCE_REFS} when it cites no evidence.
   */
  public static Map<String, Object> validate(Map<String, ?> assertion, LabelTaxonomy taxonomy) {
    if (assertion == null) {
      throw invalid("assertion", "is absent");
    }
    Map<String, Object> a;
    try {
      a = JsonValues.freezeObject(assertion);
    } catch (IllegalArgumentException e) {
      throw invalid("assertion", "is not plain JSON: " + e.getMessage());
    }
    unknownFields(a, FIELDS, "");
    hex(a, "label_assertion_id", 32, "");
    hex(a, "case_timeline_event_id", 32, "");
    Map<String, Object> subject = object(a, "label_subject_key", "");
    unknownFields(subject, SUBJECT_FIELDS, "label_subject_key.");
    runId(subject, "label_subject_key.");
    text(subject, "event_id", "label_subject_key.");
    Map<String, Object> pins = object(a, "pins", "");
    pins(pins);
    if (!subject.get("platform_run_id").equals(pins.get("platform_run_id"))) {
      throw invalid("label_subject_key.platform_run_id", "is " + subject.get("platform_run_id")
          + " but pins.platform_run_id is " + pins.get("platform_run_id"));
    }
    labelTypeAndValue(a, taxonomy);
    wireTime(a, "effective_time");
    wireTime(a, "observed_time");
    sourceAndActor(a, taxonomy);
    evidenceRefs(a, taxonomy);
    if (a.get("label_payload") != null && !(a.get("label_payload") instanceof Map)) {
      throw invalid("label_payload", "must be an object when present");
    }
    recomputed(a, "label_assertion_id", Ids.labelAssertionId((String) a.get("case_timeline_event_id"),
        (String) subject.get("platform_run_id"), (String) subject.get("event_id"), (String) a.get("label_type")));
    hex(a, "payload_hash", 64, "");
    recomputed(a, "payload_hash", Ids.labelAssertionPayloadHash(a));
    return a;
  }

  private static void pins(Map<String, Object> pins) {
    unknownFields(pins, PIN_FIELDS, "pins.");
    runId(pins, "pins.");
    hex(pins, "scenario_run_id", 32, "pins.");
    hex(pins, "manifest_fingerprint", 64, "pins.");
    hex(pins, "parameter_hash", 64, "pins.");
    text(pins, "scenario_id", "pins.");
    Object seed = pins.get("seed");
    if (!JsonValues.isIntegral(seed) || seed.toString().startsWith("-")) {
      throw invalid("pins.seed", "must be an integer ≥ 0, got " + seed);
    }
    if (pins.containsKey("run_id")) {
      hex(pins, "run_id", 32, "pins.");
    }
  }

  private static void labelTypeAndValue(Map<String, Object> a, LabelTaxonomy taxonomy) {
    String type = text(a, "label_type", "");
    if (!taxonomy.labelTypes().containsKey(type)) {
      throw invalid("label_type", type + " is not in taxonomy " + taxonomy.taxonomyId() + " "
          + taxonomy.labelTypes().keySet().stream().sorted().toList());
    }
    String value = text(a, "label_value", "");
    if (!taxonomy.allows(type, value)) {
      throw invalid("label_value", value + " is not a value of " + type + " " + taxonomy.labelTypes().get(type));
    }
  }

  private static void sourceAndActor(Map<String, Object> a, LabelTaxonomy taxonomy) {
    String source = text(a, "source_type", "");
    if (!taxonomy.sourceTypes().contains(source)) {
      throw invalid("source_type", source + " is not one of " + taxonomy.sourceTypes().stream().sorted().toList());
    }
    Object actor = a.get("actor_id");
    if (actor == null && taxonomy.actorRequiredFor().contains(source)) {
      throw invalid("actor_id", "is required when source_type is " + source);
    }
    if (actor != null && !(actor instanceof String s && !s.isBlank())) {
      throw invalid("actor_id", "must be a non-empty string when present");
    }
  }

  private static void evidenceRefs(Map<String, Object> a, LabelTaxonomy taxonomy) {
    Object value = a.get("evidence_refs");
    if (value == null || value instanceof List<?> l && l.isEmpty()) {
      throw new Invalid(MISSING_EVIDENCE_REFS, "a label assertion must cite at least one evidence ref");
    }
    if (!(value instanceof List<?> refs)) {
      throw invalid("evidence_refs", "must be a list of {ref_type, ref_id[, ref_scope]}");
    }
    List<Map<String, Object>> checked = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      String where = "evidence_refs[" + i + "].";
      if (!(refs.get(i) instanceof Map<?, ?> raw)) {
        throw invalid("evidence_refs[" + i + "]", "must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> ref = (Map<String, Object>) raw;
      unknownFields(ref, REF_FIELDS, where);
      String type = text(ref, "ref_type", where);
      if (!taxonomy.evidenceRefTypes().contains(type)) {
        throw invalid(where + "ref_type", type + " is not one of "
            + taxonomy.evidenceRefTypes().stream().sorted().toList());
      }
      text(ref, "ref_id", where);
      if (ref.get("ref_scope") != null && !(ref.get("ref_scope") instanceof String)) {
        throw invalid(where + "ref_scope", "must be a string when present");
      }
      checked.add(ref);
    }
    for (int i = 1; i < checked.size(); i++) {
      if (REF_ORDER.compare(checked.get(i - 1), checked.get(i)) > 0) {
        throw invalid("evidence_refs", "must be sorted by (ref_type, ref_id, ref_scope); item " + i + " is out of order");
      }
    }
  }

  private static List<Map<String, Object>> sortedRefs(List<? extends Map<String, ?>> refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (refs != null) {
      for (Map<String, ?> ref : refs) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ref_type", ref.get("ref_type"));
        r.put("ref_id", ref.get("ref_id"));
        if (ref.get("ref_scope") instanceof String scope && !scope.isEmpty()) {
          r.put("ref_scope", scope);
        }
        out.add(r);
      }
    }
    out.sort(REF_ORDER);
    return out;
  }

  private static void recomputed(Map<String, Object> a, String key, String expected) {
    if (!expected.equals(a.get(key))) {
      throw invalid(key, "supplied " + a.get(key) + " does not match the recomputed " + expected);
    }
  }

  private static void runId(Map<String, Object> m, String prefix) {
    String run = text(m, "platform_run_id", prefix);
    if (!WireFormats.isPlatformRunId(run)) {
      throw invalid(prefix + "platform_run_id", "must match platform_YYYYMMDDTHHMMSSZ, got " + run);
    }
  }

  private static void wireTime(Map<String, Object> a, String key) {
    String time = text(a, key, "");
    if (!Timestamps.isWireInstant(time)) {
      throw invalid(key, "must be a YYYY-MM-DDTHH:MM:SS.ffffffZ instant, got " + time);
    }
  }

  private static void hex(Map<String, Object> m, String key, int length, String prefix) {
    if (!(m.get(key) instanceof String s) || !WireFormats.isHex(s, length)) {
      throw invalid(prefix + key, "must be " + length + " lower-case hex characters, got " + m.get(key));
    }
  }

  private static String text(Map<String, Object> m, String key, String prefix) {
    if (!(m.get(key) instanceof String s) || s.isBlank()) {
      throw invalid(prefix + key, "must be a non-empty string, got " + m.get(key));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> m, String key, String prefix) {
    if (!(m.get(key) instanceof Map<?, ?> value)) {
      throw invalid(prefix + key, "must be an object");
    }
    return (Map<String, Object>) value;
  }

  private static void unknownFields(Map<String, Object> m, Set<String> allowed, String prefix) {
    for (String key : m.keySet()) {
      if (!allowed.contains(key)) {
        throw invalid(prefix + key, "is not a field of the LabelAssertion contract");
      }
    }
  }

  private static String field(Map<String, Object> ref, String key) {
    return ref.get(key) instanceof String s ? s : "";
  }

  private static Invalid invalid(String field, String detail) {
    return new Invalid(CONTRACT_INVALID + ":" + field, field + " " + detail);
  }
}
