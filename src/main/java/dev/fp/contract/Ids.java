package dev.fp.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every deterministic id and hash of the reference contracts, byte-compatible with the Python system
 * (control_ingress.md §2.5, §3.2, §3.6, §4.5, §5.4–§5.9 and case_ops_obs.md §1.3, §2.3, §3.2, §5.2). Replays must
 * regenerate identical ids, so nothing here reads a clock or randomness. Preimage values are rendered with Python's
 * {@code str()} ({@link PyStr}).
 * Pure and thread-safe; a missing mandatory input fails with {@link IllegalArgumentException} naming it.
 */
public final class Ids {
  /** Sort keys WSP assumes when recomputing a stream view id (§2.5). */
  public static final List<String> STREAM_VIEW_SORT_KEYS = List.of("ts_utc", "filename", "file_row_number");
  public static final String PARTITION_GRANULARITY = "flat";
  public static final String RUN_REPORT_GENERATED = "RUN_REPORT_GENERATED";
  public static final String PLATFORM_RUN_REPORTER = "platform_run_reporter";

  private static final List<String> CASE_SUBJECT_FIELDS = List.of("platform_run_id", "event_class", "event_id");
  private static final List<String> LABEL_SUBJECT_FIELDS = List.of("platform_run_id", "event_id");

  private Ids() {
  }

  /** §2.5: sha256(canonical {engine_run_root, scenario_id, output_id, sort_keys, partition_granularity}). */
  public static String streamViewId(String engineRunRoot, String scenarioId, String outputId, List<String> sortKeys,
      String partitionGranularity) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("engine_run_root", engineRunRoot);
    basis.put("scenario_id", scenarioId);
    basis.put("output_id", outputId);
    basis.put("sort_keys", sortKeys);
    basis.put("partition_granularity", partitionGranularity);
    return Hashing.canonicalHash(basis);
  }

  /** The id WSP recomputes: default sort keys and flat granularity. */
  public static String streamViewId(String engineRunRoot, String scenarioId, String outputId) {
    return streamViewId(engineRunRoot, scenarioId, outputId, STREAM_VIEW_SORT_KEYS, PARTITION_GRANULARITY);
  }

  /**
   * §4.5: sha256 of {@code output_id|str(pk_1)|…|str(pk_n)|mf|ph|seed|scenario_id}; the pins are appended only when
   * non-null, a null primary-key value is PRIMARY_KEY_MISSING.
   */
  public static String engineEventId(String outputId, List<?> primaryKeyValues, String manifestFingerprint,
      String parameterHash, Object seed, Object scenarioId) {
    List<String> parts = new ArrayList<>();
    parts.add(outputId);
    for (Object value : primaryKeyValues) {
      if (value == null) {
        throw new IllegalArgumentException("engine event_id for " + outputId + ": PRIMARY_KEY_MISSING");
      }
      parts.add(PyStr.str(value));
    }
    for (Object pin : new Object[] {manifestFingerprint, parameterHash, seed, scenarioId}) {
      if (pin != null) {
        parts.add(PyStr.str(pin));
      }
    }
    return Hashing.sha256Hex(String.join("|", parts));
  }

  /** {@link #engineEventId(String, List, String, String, Object, Object)} with the output's catalogue primary key. */
  public static String engineEventId(String outputId, Map<String, ?> row, String manifestFingerprint,
      String parameterHash, Object seed, Object scenarioId) {
    List<Object> values = new ArrayList<>();
    for (String column : OutputIds.primaryKey(outputId)) {
      values.add(row.get(column));
    }
    return engineEventId(outputId, values, manifestFingerprint, parameterHash, seed, scenarioId);
  }

  /** §5.4: sha256("{platform_run_id}:{event_class}:{event_id}"), platform_run_id "" when absent. */
  public static String dedupeKey(String platformRunId, String eventClass, String eventId) {
    return Hashing.sha256Hex((platformRunId == null ? "" : platformRunId) + ":" + eventClass + ":" + eventId);
  }

  /** §5.4: sha256(canonical {event_type, schema_version, payload}); schema_version null when absent. */
  public static String payloadHash(String eventType, String schemaVersion, Object payload) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("event_type", eventType);
    basis.put("schema_version", schemaVersion);
    basis.put("payload", payload);
    return Hashing.canonicalHash(basis);
  }

  /** §5.8: sha256("{DECISION}:{event_id}")[:32]; decision is ADMIT, DUPLICATE or QUARANTINE. */
  public static String receiptId(String decision, String eventId) {
    return Hashing.sha256Hex(decision + ":" + eventId).substring(0, 32);
  }

  /** §5.9: sha256("QUARANTINE:{event_id}")[:32], event_id "unknown" when absent. */
  public static String quarantineId(String eventId) {
    return receiptId("QUARANTINE", eventId == null ? "unknown" : eventId);
  }

  /** §5.7: the partition key of a resolved key value, sha256 hex of {@code str(value)}. */
  public static String partitionKey(Object keyValue) {
    return Hashing.sha256Hex(PyStr.str(keyValue));
  }

  /** §3.2: SR run_id (= scenario_run_id), first 32 hex of sha256("sr_run|" + run_equivalence_key). */
  public static String srRunId(String runEquivalenceKey) {
    return Hashing.sha256Hex("sr_run|" + runEquivalenceKey).substring(0, 32);
  }

  /** §4.2: pack_key when the engine root has no pack manifest, sha256(engine_run_root). */
  public static String fallbackPackKey(String engineRunRoot) {
    return Hashing.sha256Hex(engineRunRoot);
  }

  /** §3.6: sha256("ready|{platform_run_id}|{scenario_run_id}|{bundle_hash or plan_hash}"). */
  public static String readyMessageId(String platformRunId, String scenarioRunId, String bundleHash, String planHash) {
    String basis = bundleHash != null && !bundleHash.isEmpty() ? bundleHash : planHash;
    if (basis == null || basis.isEmpty()) {
      throw new IllegalArgumentException(
          "READY message_id for " + scenarioRunId + ": bundle_hash and plan_hash both absent");
    }
    return Hashing.sha256Hex("ready|" + platformRunId + "|" + scenarioRunId + "|" + basis);
  }

  /** case_ops_obs §1.3: recipe cm.case_id.v1 over the case subject, first 32 hex. */
  public static String caseId(String platformRunId, String eventClass, String eventId) {
    return Hashing.recipeId("cm.case_id.v1", caseSubject(Map.of(
        "platform_run_id", nullToEmpty(platformRunId), "event_class", nullToEmpty(eventClass),
        "event_id", nullToEmpty(eventId))));
  }

  /** §1.3: recipe cm.case_trigger_id.v1 over {case_id, trigger_type, source_ref_id}. */
  public static String caseTriggerId(String caseId, String triggerType, String sourceRefId) {
    return Hashing.recipeId("cm.case_trigger_id.v1",
        Map.of("case_id", caseId, "trigger_type", triggerType, "source_ref_id", sourceRefId));
  }

  /** §2.3: recipe cm.case_timeline_event_id.v1 over {case_id, timeline_event_type, source_ref_id}. */
  public static String caseTimelineEventId(String caseId, String timelineEventType, String sourceRefId) {
    return Hashing.recipeId("cm.case_timeline_event_id.v1",
        Map.of("case_id", caseId, "timeline_event_type", timelineEventType, "source_ref_id", sourceRefId));
  }

  /** §3.2: recipe ls.label_assertion_id.v1 over {case_timeline_event_id, label_subject_key, label_type}. */
  public static String labelAssertionId(String caseTimelineEventId, String platformRunId, String eventId,
      String labelType) {
    Map<String, Object> subject =
        Map.of("platform_run_id", nullToEmpty(platformRunId), "event_id", nullToEmpty(eventId));
    return Hashing.recipeId("ls.label_assertion_id.v1", Map.of("case_timeline_event_id", caseTimelineEventId,
        "label_subject_key", subject, "label_type", labelType));
  }

  /**
   * §1.3: recipe cm.case_trigger_payload_hash.v1 over a CaseTrigger payload (wire form), normalized as the reference
   * does: subject reduced to its three fields, evidence refs to {ref_type, ref_id, ref_scope} sorted, missing
   * trigger_payload as {}; the trigger's own ids and payload_hash are not inputs.
   */
  public static String caseTriggerPayloadHash(Map<String, ?> trigger) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("case_subject_key", caseSubject(asMap(trigger.get("case_subject_key"))));
    basis.put("trigger_type", PyStr.strOrEmpty(trigger.get("trigger_type")));
    basis.put("source_ref_id", PyStr.strOrEmpty(trigger.get("source_ref_id")));
    basis.put("pins", asMap(trigger.get("pins")));
    basis.put("observed_time", PyStr.strOrEmpty(trigger.get("observed_time")));
    basis.put("evidence_refs", evidenceRefs(trigger.get("evidence_refs")));
    basis.put("trigger_payload", orEmptyMap(trigger.get("trigger_payload")));
    return Hashing.recipeHash("cm.case_trigger_payload_hash.v1", basis);
  }

  /**
   * §3.2: recipe ls.label_assertion_payload_hash.v1 over a LabelAssertion (wire form): subject, type, value, times,
   * source_type, actor_id ("" when absent) and normalized evidence refs; pins and label_payload are not inputs.
   */
  public static String labelAssertionPayloadHash(Map<String, ?> assertion) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("label_subject_key", subject(asMap(assertion.get("label_subject_key")), LABEL_SUBJECT_FIELDS));
    for (String field : List.of("label_type", "label_value", "effective_time", "observed_time", "source_type")) {
      basis.put(field, PyStr.str(assertion.get(field)));
    }
    basis.put("actor_id", PyStr.strOrEmpty(assertion.get("actor_id")));
    basis.put("evidence_refs", evidenceRefs(assertion.get("evidence_refs")));
    return Hashing.recipeHash("ls.label_assertion_payload_hash.v1", basis);
  }

  /**
   * case_ops_obs §5.2: sha256("{FAMILY}|{platform_run_id}|{scenario_run_id or ''}|{source_component}|{stable_key}")
   * where stable_key is the dedupe key, or the canonical JSON of details when there is none.
   */
  public static String governanceEventId(String family, String platformRunId, String scenarioRunId,
      String sourceComponent, String dedupeKey, Map<String, ?> details) {
    String stableKey = dedupeKey != null && !dedupeKey.isEmpty() ? dedupeKey : CanonicalJson.write(details);
    return Hashing.sha256Hex(family.strip().toUpperCase() + "|" + platformRunId.strip() + "|"
        + nullToEmpty(scenarioRunId) + "|" + sourceComponent.strip() + "|" + stableKey);
  }

  /** The reporter's once-per-run RUN_REPORT_GENERATED event (dedupe key {@code run_report_generated:<run>}). */
  public static String runReportGeneratedEventId(String platformRunId) {
    return governanceEventId(RUN_REPORT_GENERATED, platformRunId, null, PLATFORM_RUN_REPORTER,
        "run_report_generated:" + platformRunId, Map.of());
  }

  private static Map<String, Object> caseSubject(Map<String, ?> subject) {
    return subject(subject, CASE_SUBJECT_FIELDS);
  }

  private static Map<String, Object> subject(Map<String, ?> subject, List<String> fields) {
    Map<String, Object> stable = new LinkedHashMap<>();
    fields.forEach(field -> stable.put(field, PyStr.strOrEmpty(subject.get(field))));
    return stable;
  }

  private static List<Map<String, Object>> evidenceRefs(Object refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (refs instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> ref) {
          Map<String, Object> normalized = new LinkedHashMap<>();
          normalized.put("ref_type", PyStr.strOrEmpty(ref.get("ref_type")));
          normalized.put("ref_id", PyStr.strOrEmpty(ref.get("ref_id")));
          normalized.put("ref_scope", PyStr.strOrEmpty(ref.get("ref_scope")));
          out.add(normalized);
        }
      }
    }
    out.sort(Ids::compareRefs);
    return out;
  }

  private static int compareRefs(Map<String, Object> a, Map<String, Object> b) {
    for (String field : List.of("ref_type", "ref_id", "ref_scope")) {
      int c = CodePointOrder.INSTANCE.compare((String) a.get(field), (String) b.get(field));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Map<String, ?> asMap(Object value) {
    Object plain = value == null ? null : JsonValues.plain(value);
    return plain instanceof Map<?, ?> map ? castMap(map) : Map.of();
  }

  private static Object orEmptyMap(Object value) {
    return PyStr.isTruthy(value) ? value : Map.of();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
