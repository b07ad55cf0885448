package dev.fp.rtdl.df.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision-quality matrices against a vector computed by hand (the comments give the arithmetic). */
class DecisionQualityTest {

  /** Flows 10 and 20 FRAUD, 30 ABUSE (fraud too), 40, 50, 60 LEGIT; added out of order. */
  static FlowTruth truth() {
    return new FlowTruth.Builder().add(50, false, null).add(10, true, "FRAUD").add(40, false, "LEGIT")
        .add(30, true, "ABUSE").add(20, true, "FRAUD").add(60, false, null).build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldCountDecisionsAndFlowsAgainstTruthByActionAndReasonCode() {
    DecisionQuality q = new DecisionQuality(truth());
    // flow 10 (FRAUD): ALLOW then QUEUE_REVIEW -> flow strongest QUEUE_REVIEW
    q.add("ALLOW", List.of("ACTIVE_BUNDLE_RESOLVED"), 10L);
    q.add("QUEUE_REVIEW", List.of("ACTIVE_BUNDLE_RESOLVED", "RISK_B"), 10L);
    // flow 20 (FRAUD): ALLOW twice -> missed
    q.add("ALLOW", List.of("ACTIVE_BUNDLE_RESOLVED"), 20L);
    q.add("ALLOW", List.of("ACTIVE_BUNDLE_RESOLVED"), 20L);
    // flow 30 (ABUSE): STEP_UP
    q.add("STEP_UP", List.of("RISK_A"), 30L);
    // flow 40 (LEGIT): STEP_UP (a false positive), flow 50 (LEGIT): ALLOW; flow 60 never decided
    q.add("STEP_UP", List.of("RISK_A"), 40L);
    q.add("ALLOW", List.of(), 50L);
    // no truth: a flow the world does not have, and an event without a flow id
    q.add("STEP_UP", List.of("RISK_A"), 99L);
    q.add("ALLOW", List.of(), null);

    Map<String, Object> doc = q.document();
    assertThat(doc).containsEntry("truth_flows", 6);

    Map<String, Object> decisions = (Map<String, Object>) doc.get("decisions");
    assertThat(decisions).containsEntry("total", 9L);
    assertThat((Map<String, Object>) decisions.get("action_by_truth")).isEqualTo(Map.of(
        "ALLOW", Map.of("FRAUD", 3L, "LEGIT", 1L, DecisionQuality.NO_TRUTH, 1L),
        "STEP_UP", Map.of("ABUSE", 1L, "LEGIT", 1L, DecisionQuality.NO_TRUTH, 1L),
        "QUEUE_REVIEW", Map.of("FRAUD", 1L)));
    // decisions with truth: escalated & fraud = QR(10), SU(30) = 2; escalated & legit = SU(40) = 1;
    // not escalated & fraud = A(10), A(20), A(20) = 3; not escalated & legit = A(50) = 1
    // precision 2/3 = 0.6667, recall 2/5 = 0.4, legit rate 1/2 = 0.5
    assertThat((Map<String, Object>) decisions.get("escalated_vs_fraud")).containsEntry("true_positive", 2L)
        .containsEntry("false_positive", 1L).containsEntry("false_negative", 3L).containsEntry("true_negative", 1L)
        .containsEntry("precision", 0.6667).containsEntry("recall", 0.4).containsEntry("legit_escalation_rate", 0.5);

    Map<String, Object> flows = (Map<String, Object>) doc.get("flows");
    // flows decided: 10 QR, 20 ALLOW, 30 SU, 40 SU, 50 ALLOW (60 never decided, 99 unknown)
    assertThat(flows).containsEntry("total", 5L);
    assertThat((Map<String, Object>) flows.get("action_by_truth")).isEqualTo(Map.of(
        "ALLOW", Map.of("FRAUD", 1L, "LEGIT", 1L),
        "STEP_UP", Map.of("ABUSE", 1L, "LEGIT", 1L),
        "QUEUE_REVIEW", Map.of("FRAUD", 1L)));
    // TP = 10, 30; FP = 40; FN = 20; TN = 50: precision 2/3, recall 2/3, legit rate 1/2
    assertThat((Map<String, Object>) flows.get("escalated_vs_fraud")).containsEntry("true_positive", 2L)
        .containsEntry("false_positive", 1L).containsEntry("false_negative", 1L).containsEntry("true_negative", 1L)
        .containsEntry("precision", 0.6667).containsEntry("recall", 0.6667).containsEntry("legit_escalation_rate", 0.5);

    assertThat((Map<String, Object>) doc.get("by_reason_code")).isEqualTo(Map.of(
        "ACTIVE_BUNDLE_RESOLVED", Map.of("FRAUD", 4L),
        "RISK_A", Map.of("ABUSE", 1L, "LEGIT", 1L, DecisionQuality.NO_TRUTH, 1L),
        "RISK_B", Map.of("FRAUD", 1L)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldLeaveRatesNullWhenThereIsNothingToDivideBy() {
    Map<String, Object> e = (Map<String, Object>) ((Map<String, Object>) new DecisionQuality(truth()).document()
        .get("flows")).get("escalated_vs_fraud");
    assertThat(e).containsEntry("precision", null).containsEntry("recall", null)
        .containsEntry("legit_escalation_rate", null);
  }

  @Test
  void shouldRefuseAnUnknownActionAndInconsistentTruth() {
    assertThatThrownBy(() -> new DecisionQuality(truth()).add("BLOCK", List.of(), 10L))
        .hasMessageContaining("unknown action kind BLOCK");
    assertThatThrownBy(() -> new FlowTruth.Builder().add(1, true, "FRAUD").add(2, false, "FRAUD"))
        .hasMessageContaining("label FRAUD is both fraud and not (flow 2)");
    assertThatThrownBy(() -> new FlowTruth.Builder().add(1, false, null).add(1, false, null).build())
        .hasMessageContaining("flow 1 has two truth rows");
  }

  @Test
  void shouldLookUpFlowsOfALargeTruthCompactly() {
    FlowTruth.Builder b = new FlowTruth.Builder();
    for (long id = 1_999_999; id >= 0; id -= 2) {
      b.add(id * 7919, id % 50 == 1, id % 50 == 1 ? "FRAUD" : null);
    }
    FlowTruth t = b.build();
    assertThat(t.size()).isEqualTo(1_000_000);
    int at = t.indexOf(51 * 7919L);
    assertThat(t.fraud(at)).isTrue();
    assertThat(t.label(t.indexOf(53 * 7919L))).isEqualTo("LEGIT");
    assertThat(t.indexOf(52 * 7919L)).isEqualTo(-1);
  }
}
