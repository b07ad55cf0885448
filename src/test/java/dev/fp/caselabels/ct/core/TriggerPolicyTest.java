package dev.fp.caselabels.ct.core;

import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Json;
import dev.fp.testing.SamplePins;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped trigger policy, its strict parser, the escalation rule and the policy's verdict on a trigger. */
class TriggerPolicyTest {
  static Map<String, Object> shipped() throws Exception {
    return Json.readYamlObject(Files.readAllBytes(Path.of("conf/ct/trigger_policy_v0.yaml")));
  }

  @Test
  void shouldParseTheShippedPolicy() throws Exception {
    TriggerPolicy p = TriggerPolicy.parse(shipped());

    assertThat(p.policyId()).isEqualTo("case_trigger.policy.v0");
    assertThat(p.rules()).containsOnlyKeys(CaseTriggers.TRIGGER_TYPES);
    assertThat(p.rules().get("ACTION_FAILURE").requiredRefTypes()).containsExactly("ACTION_OUTCOME",
        "DLA_AUDIT_RECORD");
    assertThat(p.escalateActionKinds()).containsExactlyInAnyOrder("QUEUE_REVIEW", "STEP_UP");
    assertThat(p.failureStatuses()).containsExactlyInAnyOrder("FAILED", "DENIED");
    assertThat(p.contentDigest()).hasSize(64).isEqualTo(TriggerPolicy.parse(shipped()).contentDigest());
  }

  @Test
  void shouldEscalateListedKindsAndADeterministicSampleOfTheRest() throws Exception {
    TriggerPolicy p = TriggerPolicy.parse(shipped());
    assertThat(p.escalation("STEP_UP", "x")).isEqualTo("ACTION_KIND");
    long sampled = IntStream.range(0, 10_000).filter(i -> p.escalation("ALLOW", "d" + i) != null).count();
    // binomial(10 000, 0.25): mean 2 500, sd 43; the draws are a fixed function of the ids, so this never varies
    assertThat(sampled).isBetween(2_300L, 2_700L);
    assertThat(TriggerPolicy.reviewDraw("d1")).isEqualTo(TriggerPolicy.reviewDraw("d1")).isBetween(0.0, 1.0);
  }

  @Test
  void shouldScaleTheReviewSampleToTheRunsCapSoBoundedGatesKeepTheRateAndFullCapDrawsAFewHundred() throws Exception {
    TriggerPolicy p = TriggerPolicy.parse(shipped());

    assertThat(p.reviewSampleMaxPerOutput()).isEqualTo(250);
    assertThat(p.forCap(20).runReviewSampleRate()).isEqualTo(0.25);
    assertThat(p.forCap(200).runReviewSampleRate()).isEqualTo(0.25);
    assertThat(p.forCap(2_000).runReviewSampleRate()).isEqualTo(0.125);
    assertThat(p.forCap(500_000).runReviewSampleRate()).isEqualTo(0.0005);
    // full cap: 500 000 decided events of one output draw ~250 reviews (binomial sd 16), not ~125 000
    TriggerPolicy full = p.forCap(500_000);
    long sampled = IntStream.range(0, 500_000).filter(i -> full.escalation("ALLOW", "e" + i) != null).count();
    assertThat(sampled).isBetween(180L, 320L);
    // Gate-20: 20 events draw at 0.25 (a fixed function of the ids and the pinned cap: the same cases every run)
    TriggerPolicy gate = p.forCap(20);
    assertThat(IntStream.range(0, 20).filter(i -> gate.escalation("ALLOW", "g" + i) != null).count()).isPositive();
  }

  @Test
  void shouldKeepTheConfiguredRateWhenNoCapIsPinnedOrNoMaximumIsSet() throws Exception {
    Map<String, Object> doc = shipped();
    doc.put("escalation", Map.of("escalate_action_kinds", List.of("STEP_UP"), "review_sample_rate", 0.1));

    assertThat(TriggerPolicy.parse(doc).forCap(500_000).runReviewSampleRate()).isEqualTo(0.1);
    assertThat(TriggerPolicy.parse(shipped()).runReviewSampleRate()).isEqualTo(0.25);
  }

  @Test
  void shouldRefuseATriggerWithoutItsRequiredEvidenceOrFromAnotherSourceClass() throws Exception {
    TriggerPolicy p = TriggerPolicy.parse(shipped());
    Map<String, Object> pins = SamplePins.of("platform_20260101T000000Z");
    Map<String, Object> t = CaseTriggers.build("DECISION_ESCALATION", "decision:x", "traffic_fraud", "e", pins,
        List.of(Map.of("ref_type", "DECISION", "ref_id", "x")), "2026-01-01T00:00:01.000000Z", Map.of());

    assertThat(p.refusal(t, TriggerPolicy.DF_DECISION)).isEqualTo("REQUIRED_EVIDENCE_MISSING:DLA_AUDIT_RECORD");
    assertThat(p.refusal(t, TriggerPolicy.AL_OUTCOME)).isEqualTo("SOURCE_CLASS_NOT_ALLOWED:AL_OUTCOME");
  }

  @Test
  void shouldRejectABrokenPolicyNamingWhatIsWrong() throws Exception {
    rejects(d -> ((List<?>) d.get("trigger_rules")).remove(4), "trigger_rules: missing [MANUAL_ASSERTION]");
    rejects(d -> d.put("trigger_rules", twice(d)), "trigger_rules: DECISION_ESCALATION appears twice");
    rejects(d -> d.put("escalation", Map.of("escalate_action_kinds", List.of(), "review_sample_rate", 1.5)),
        "escalation.review_sample_rate must be a number in [0, 1]");
    rejects(d -> d.put("escalation", Map.of("escalate_action_kinds", List.of(), "review_sample_rate", 0.2,
        "review_sample_max_per_output", 0)), "escalation.review_sample_max_per_output must be a whole number >= 1");
    rejects(d -> d.remove("require_seed"), "require_seed must be true or false");
    rejects(d -> d.put("required_pins", List.of("platform_run_id", "flavour")), "required_pins: each must be one of");
    rejects(d -> d.put("trigger_rules", List.of(Map.of("trigger_type", "DECISION_ESCALATION", "source_classes",
        List.of("DF_DECISION"), "required_evidence_ref_types", List.of("RECEIPT")))),
        "required_evidence_ref_types: RECEIPT is not one of");
  }

  private static List<Object> twice(Map<String, Object> d) {
    List<Object> rules = new ArrayList<>((List<?>) d.get("trigger_rules"));
    rules.add(rules.get(0));
    return rules;
  }

  private static void rejects(java.util.function.Consumer<Map<String, Object>> damage, String message)
      throws Exception {
    Map<String, Object> doc = shipped();
    doc.put("trigger_rules", new ArrayList<>((List<?>) doc.get("trigger_rules")));
    damage.accept(doc);
    assertThatThrownBy(() -> TriggerPolicy.parse(doc)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
