package dev.fp.contract;

import dev.fp.testing.SamplePins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** case_ops_obs.md §0 vectors through the CaseTrigger builder, and every rejection of {@link CaseTriggers#validate}. */
class CaseTriggersTest {
  private static final String RUN = "platform_20260101T000000Z";
  private static final String DECISION = "a".repeat(32);
  private static final String OBSERVED = "2026-01-01T00:00:01.000000Z";

  @Test
  void shouldBuildTheReferenceTriggerWithItsIdsAndHash() {
    Map<String, Object> t = referenceTrigger();

    assertThat(t.get("case_id")).isEqualTo("c8b6192fa298c1b2dcff2277614a4f08");
    assertThat(t.get("case_trigger_id")).isEqualTo("fdff95b8501d38d123f3da6eb08ffe40");
    assertThat(t.get("payload_hash")).isEqualTo("abb703314e3091c05e266dc9f6d734b711006fd4e37272e068fbedd73a87b84e");
    assertThat(t.get("case_subject_key")).isEqualTo(Map.of("platform_run_id", RUN, "event_class", "traffic_fraud",
        "event_id", "evt_0001"));
    assertThat(t.get("evidence_refs")).isEqualTo(List.of(Map.of("ref_type", "DECISION", "ref_id", DECISION),
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + DECISION)));
  }

  @Test
  void shouldSortRefsAndOmitAnEmptyTriggerPayload() {
    Map<String, Object> t = CaseTriggers.build(CaseTriggers.ACTION_FAILURE, "action_outcome:o1", "traffic_fraud",
        "evt_0001", pins(), List.of(Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_o1"),
            Map.of("ref_type", "ACTION_OUTCOME", "ref_id", "o1", "ref_scope", "")), OBSERVED, Map.of());

    assertThat(t).doesNotContainKey("trigger_payload");
    assertThat(t.get("evidence_refs")).isEqualTo(List.of(Map.of("ref_type", "ACTION_OUTCOME", "ref_id", "o1"),
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_o1")));
  }

  @Test
  void shouldWrapTheTriggerInItsEnvelope() {
    Map<String, Object> t = referenceTrigger();
    Map<String, Object> e = CaseTriggers.envelope(t);

    assertThat(e).containsEntry("event_id", "fdff95b8501d38d123f3da6eb08ffe40").containsEntry("event_type",
        "case_trigger").containsEntry("schema_version", "v1").containsEntry("ts_utc", OBSERVED)
        .containsEntry("parent_event_id", "decision:" + DECISION).containsEntry("producer", "case_trigger")
        .containsEntry("seed", 42).containsEntry("platform_run_id", RUN).containsEntry("payload", t)
        .doesNotContainKey("run_id");
    assertThat(EnvelopeValidator.validate(e).explained()).isEmpty();
  }

  @Test
  void shouldAcceptAJsonRoundTripOfTheTrigger() throws Exception {
    Map<String, Object> copy = Json.readObject(Json.write(referenceTrigger()));

    CaseTriggers.validate(copy);
  }

  @Test
  void shouldRejectRecomputedIdAndHashMismatches() {
    rejects("CASE_ID_MISMATCH", t -> t.put("case_id", "0".repeat(32)));
    rejects("CASE_TRIGGER_ID_MISMATCH", t -> t.put("case_trigger_id", "0".repeat(32)));
    rejects("PAYLOAD_HASH_MISMATCH", t -> t.put("observed_time", "2026-01-01T00:00:02.000000Z"));
    rejects("CASE_ID_MISMATCH", t -> subject(t).put("event_id", "evt_0002"));
  }

  @Test
  void shouldRejectBrokenPins() {
    rejects("PINS_INVALID:seed", t -> pins(t).remove("seed"));
    rejects("PINS_INVALID:seed", t -> pins(t).put("seed", true));
    rejects("PINS_INVALID:seed", t -> pins(t).put("seed", -1));
    rejects("PINS_INVALID:scenario_run_id", t -> pins(t).put("scenario_run_id", "B".repeat(32)));
    rejects("PINS_INVALID:manifest_fingerprint", t -> pins(t).put("manifest_fingerprint", "c".repeat(63)));
    rejects("PINS_INVALID:parameter_hash", t -> pins(t).put("parameter_hash", 7));
    rejects("PINS_INVALID:scenario_id", t -> pins(t).put("scenario_id", ""));
    rejects("PINS_INVALID:platform_run_id", t -> pins(t).put("platform_run_id", "run-1"));
    rejects("PINS_INVALID:run_id", t -> pins(t).put("run_id", "xyz"));
  }

  @Test
  void shouldRejectASubjectOfAnotherRunThanItsPins() {
    rejects("RUN_SCOPE_MISMATCH", t -> subject(t).put("platform_run_id", "platform_20260101T000001Z"));
  }

  @Test
  void shouldRejectUnknownTypesUnsortedRefsAndMissingFields() {
    rejects("TRIGGER_TYPE_UNKNOWN", t -> t.put("trigger_type", "SOMETHING"));
    rejects("REF_TYPE_UNKNOWN", t -> refs(t).add(Map.of("ref_type", "RECEIPT", "ref_id", "r")));
    rejects("EVIDENCE_REFS_UNSORTED", t -> t.put("evidence_refs", List.of(
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + DECISION),
        Map.of("ref_type", "DECISION", "ref_id", DECISION))));
    rejects("CONTRACT_INVALID:evidence_refs", t -> t.put("evidence_refs", "DECISION"));
    rejects("CONTRACT_INVALID:evidence_refs", t -> refs(t).add(Map.of("ref_type", "EXTERNAL_REF", "ref_id", "")));
    rejects("CONTRACT_INVALID:source_ref_id", t -> t.remove("source_ref_id"));
    rejects("CONTRACT_INVALID:case_subject_key", t -> t.put("case_subject_key", "evt_0001"));
    rejects("CONTRACT_INVALID:case_subject_key.event_class", t -> subject(t).remove("event_class"));
    rejects("CONTRACT_INVALID:observed_time", t -> t.put("observed_time", "2026-01-01T00:00:01Z"));
    rejects("CONTRACT_INVALID:trigger_payload", t -> t.put("trigger_payload", List.of()));
  }

  private static void rejects(String code, Consumer<Map<String, Object>> damage) {
    Map<String, Object> t = mutable(referenceTrigger());
    damage.accept(t);
    assertThatThrownBy(() -> CaseTriggers.validate(t)).isInstanceOf(CaseTriggers.Invalid.class)
        .satisfies(e -> assertThat(((CaseTriggers.Invalid) e).code()).isEqualTo(code));
  }

  private static Map<String, Object> referenceTrigger() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("source_contract", "decision_response");
    payload.put("decision_kind", "x");
    payload.put("decision_action_kind", "y");
    return CaseTriggers.build(CaseTriggers.DECISION_ESCALATION, "decision:" + DECISION, "traffic_fraud", "evt_0001",
        pins(), List.of(Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + DECISION),
            Map.of("ref_type", "DECISION", "ref_id", DECISION)), OBSERVED, payload);
  }

  private static Map<String, Object> pins() {
    return SamplePins.of(RUN);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mutable(Map<String, Object> t) {
    try {
      return Json.readObject(Json.write(t));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pins(Map<String, Object> t) {
    return (Map<String, Object>) t.get("pins");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> subject(Map<String, Object> t) {
    return (Map<String, Object>) t.get("case_subject_key");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> refs(Map<String, Object> t) {
    List<Object> refs = new ArrayList<>((List<Object>) t.get("evidence_refs"));
    t.put("evidence_refs", refs);
    return refs;
  }
}
