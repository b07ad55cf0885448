package dev.fp.contract;

import dev.fp.testing.SamplePins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The LabelAssertion contract (case_ops_obs §3.2) against the reference vectors of §0 and the shipped taxonomy. */
class LabelAssertionsTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String TIMELINE_ID = "4d5520bec3e988b9662c7234ba7269bd";
  static final String OBSERVED = "2026-01-01T00:00:01.000000Z";
  static final LabelTaxonomy TAXONOMY = shippedTaxonomy();

  static LabelTaxonomy shippedTaxonomy() {
    try {
      return LabelTaxonomy.parse(Json.readYamlObject(Files.readAllBytes(Path.of("conf", LabelTaxonomy.DEFAULT_FILE))));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> pins() {
    return SamplePins.of(RUN);
  }

  /** The reference's automatic label (§0 vectors), refs given out of order. */
  static LabelAssertions.Draft referenceDraft() {
    List<Map<String, Object>> refs = List.of(Map.of("ref_type", "DECISION", "ref_id", "a".repeat(32)),
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + "a".repeat(32)),
        Map.of("ref_type", "CASE_EVENT", "ref_id", TIMELINE_ID));
    return new LabelAssertions.Draft(TIMELINE_ID, RUN, "evt_0001", pins(), "fraud_disposition", "FRAUD_SUSPECTED",
        OBSERVED, OBSERVED, "AUTO", "SYSTEM::case_mgmt_worker", refs,
        Map.of("trigger_type", "DECISION_ESCALATION", "source_ref_id", "decision:" + "a".repeat(32)));
  }

  @Test
  void shouldBuildTheReferenceAssertionWithItsIdAndPayloadHash() {
    Map<String, Object> a = LabelAssertions.build(referenceDraft());

    assertThat(a.get("label_assertion_id")).isEqualTo("e9d26d9547d37979e96e31ce4499a0c1");
    assertThat(a.get("payload_hash")).isEqualTo("f9cde4661e6ac7352c05c15424507f5780a534652602dd51395952fb93589964");
    assertThat(((List<?>) a.get("evidence_refs")).stream().map(r -> (Object) ((Map<?, ?>) r).get("ref_type")).toList())
        .containsExactly("CASE_EVENT", "DECISION", "DLA_AUDIT_RECORD");
    assertThat(LabelAssertions.validate(a, TAXONOMY)).isEqualTo(a);
  }

  @Test
  void shouldAcceptTheAssertionAfterAJsonRoundTrip() throws Exception {
    Map<String, Object> a = LabelAssertions.build(referenceDraft());
    Map<String, Object> back = Json.readObject(Json.write(a));

    assertThat(LabelAssertions.validate(back, TAXONOMY).get("label_assertion_id")).isEqualTo(a.get("label_assertion_id"));
  }

  @Test
  void shouldRejectEachContractViolationNamingTheField() {
    rejects("CONTRACT_INVALID:label_assertion_id", a -> a.put("label_assertion_id", "0".repeat(32)));
    rejects("CONTRACT_INVALID:payload_hash", a -> a.put("payload_hash", "0".repeat(64)));
    rejects("CONTRACT_INVALID:payload_hash", a -> a.remove("payload_hash"));
    rejects("CONTRACT_INVALID:label_value", a -> a.put("label_value", "ATO_CONFIRMED"));
    rejects("CONTRACT_INVALID:label_type", a -> a.put("label_type", "colour"));
    rejects("CONTRACT_INVALID:source_type", a -> a.put("source_type", "ROBOT"));
    rejects("CONTRACT_INVALID:actor_id", a -> {
      a.put("source_type", "HUMAN");
      a.remove("actor_id");
    });
    rejects("CONTRACT_INVALID:observed_time", a -> a.put("observed_time", "2026-01-01T00:00:01Z"));
    rejects("CONTRACT_INVALID:effective_time", a -> a.put("effective_time", "2026-02-30T00:00:01.000000Z"));
    rejects("CONTRACT_INVALID:pins.seed", a -> pinsOf(a).put("seed", true));
    rejects("CONTRACT_INVALID:pins.seed", a -> pinsOf(a).put("seed", -1));
    rejects("CONTRACT_INVALID:pins.scenario_run_id", a -> pinsOf(a).put("scenario_run_id", "B".repeat(32)));
    rejects("CONTRACT_INVALID:pins.scenario_id", a -> pinsOf(a).remove("scenario_id"));
    rejects("CONTRACT_INVALID:pins.platform_run_id", a -> pinsOf(a).put("platform_run_id", "run_1"));
    rejects("CONTRACT_INVALID:label_subject_key.platform_run_id",
        a -> pinsOf(a).put("platform_run_id", "platform_20260101T000001Z"));
    rejects("CONTRACT_INVALID:label_subject_key.event_id",
        a -> a.put("label_subject_key", Map.of("platform_run_id", RUN)));
    rejects("CONTRACT_INVALID:evidence_refs[0].ref_type", a -> a.put("evidence_refs",
        List.of(Map.of("ref_type", "RUMOUR", "ref_id", "x"))));
    rejects("CONTRACT_INVALID:evidence_refs", a -> a.put("evidence_refs", new ArrayList<>(List.of(
        Map.of("ref_type", "DECISION", "ref_id", "a"), Map.of("ref_type", "CASE_EVENT", "ref_id", "b")))));
    rejects("CONTRACT_INVALID:colour", a -> a.put("colour", "red"));
    rejects("CONTRACT_INVALID:label_payload", a -> a.put("label_payload", "text"));
  }

  @Test
  void shouldRejectAnAssertionWithoutEvidenceAsMissingEvidenceRefs() {
    rejects(LabelAssertions.MISSING_EVIDENCE_REFS, a -> a.put("evidence_refs", List.of()));
    rejects(LabelAssertions.MISSING_EVIDENCE_REFS, a -> a.remove("evidence_refs"));
  }

  @Test
  void shouldKeepPinsAndLabelPayloadOutOfTheHash() {
    Map<String, Object> a = new LinkedHashMap<>(LabelAssertions.build(referenceDraft()));
    a.put("label_payload", Map.of("note", "changed"));
    pinsOf(a).put("run_id", "e".repeat(32));

    assertThat(LabelAssertions.validate(a, TAXONOMY).get("payload_hash")).isEqualTo(
        "f9cde4661e6ac7352c05c15424507f5780a534652602dd51395952fb93589964");
  }

  @Test
  void shouldParseTheShippedTaxonomyAndRefuseABadOne() {
    assertThat(TAXONOMY.labelTypes()).containsOnlyKeys("fraud_disposition", "chargeback_status", "account_takeover");
    assertThat(TAXONOMY.allows("chargeback_status", "PENDING")).isTrue();
    assertThat(TAXONOMY.actorRequiredFor()).containsExactly("HUMAN");
    Map<String, Object> doc = new LinkedHashMap<>(Map.of("taxonomy_id", "t", "revision", "r1",
        "label_types", Map.of("x", List.of("A")), "source_types", List.of("AUTO"),
        "evidence_ref_types", List.of("DECISION"), "actor_required_for", List.of("HUMAN")));
    assertThatThrownBy(() -> LabelTaxonomy.parse(doc)).hasMessageContaining("actor_required_for: HUMAN");
    doc.put("actor_required_for", List.of());
    doc.put("label_types", Map.of("x", List.of()));
    assertThatThrownBy(() -> LabelTaxonomy.parse(doc)).hasMessageStartingWith("label_types.x");
    doc.put("label_types", Map.of("x", List.of("A")));
    doc.put("colour", "red");
    assertThatThrownBy(() -> LabelTaxonomy.parse(doc)).hasMessageStartingWith("colour: unknown key");
  }

  private static void rejects(String code, Consumer<Map<String, Object>> breakIt) {
    Map<String, Object> a = copy(LabelAssertions.build(referenceDraft()));
    breakIt.accept(a);
    assertThatThrownBy(() -> LabelAssertions.validate(a, TAXONOMY)).isInstanceOf(LabelAssertions.Invalid.class)
        .satisfies(e -> assertThat(((LabelAssertions.Invalid) e).code()).isEqualTo(code));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> a) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    out.put("pins", new LinkedHashMap<>((Map<String, Object>) a.get("pins")));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pinsOf(Map<String, Object> a) {
    return (Map<String, Object>) a.get("pins");
  }
}
