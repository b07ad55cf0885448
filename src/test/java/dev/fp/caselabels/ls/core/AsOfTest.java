package dev.fp.caselabels.ls.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** label_as_of (case_ops_obs §3.4): eligibility by observed time, best by (effective, observed, id), ties. */
class AsOfTest {
  static final String RUN = "platform_20261206T120000Z";

  static TimelineEntry entry(String id, String type, String value, String effective, String observed) {
    return new TimelineEntry(id, type, value, effective, observed, "ref", "2026-12-06T12:00:00.000000Z", Map.of());
  }

  static final TimelineEntry EARLY = entry("a1", "fraud_disposition", "FRAUD_SUSPECTED",
      "2026-01-01T00:00:01.000000Z", "2026-01-01T00:00:01.000000Z");
  static final TimelineEntry LATER = entry("a2", "fraud_disposition", "FRAUD_CONFIRMED",
      "2026-01-01T00:00:02.000000Z", "2026-01-01T00:00:03.000000Z");
  static final TimelineEntry TIE_SAME = entry("a3", "fraud_disposition", "FRAUD_CONFIRMED",
      "2026-01-01T00:00:02.000000Z", "2026-01-01T00:00:03.000000Z");
  static final TimelineEntry TIE_OTHER = entry("a0", "fraud_disposition", "LEGIT_CONFIRMED",
      "2026-01-01T00:00:02.000000Z", "2026-01-01T00:00:03.000000Z");
  static final TimelineEntry OTHER_TYPE = entry("b1", "chargeback_status", "CHARGEBACK",
      "2026-01-01T00:00:01.000000Z", "2026-01-01T00:00:01.000000Z");

  static Map<String, Object> asOf(String asOf, TimelineEntry... entries) {
    return AsOf.resolve(RUN, "evt_1", "fraud_disposition", asOf, List.of(entries));
  }

  @Test
  void shouldResolveTheLatestEligibleAssertion() {
    Map<String, Object> r = asOf("2026-01-01T00:00:05.000000Z", EARLY, LATER, OTHER_TYPE);
    assertThat(r).containsEntry("status", AsOf.RESOLVED).containsEntry("selected_assertion_id", "a2")
        .containsEntry("selected_label_value", "FRAUD_CONFIRMED")
        .containsEntry("candidate_assertion_ids", List.of("a2"));
  }

  @Test
  void shouldIgnoreAssertionsObservedAfterAsOfInclusiveAtTheBoundary() {
    assertThat(asOf("2026-01-01T00:00:02.999999Z", EARLY, LATER)).containsEntry("selected_assertion_id", "a1");
    assertThat(asOf("2026-01-01T00:00:03.000000Z", EARLY, LATER)).containsEntry("selected_assertion_id", "a2");
  }

  @Test
  void shouldResolveTiesWithOneValueAndReportConflictingTies() {
    Map<String, Object> same = asOf("2026-01-01T00:00:05.000000Z", EARLY, LATER, TIE_SAME);
    assertThat(same).containsEntry("status", AsOf.RESOLVED).containsEntry("selected_assertion_id", "a3")
        .containsEntry("candidate_assertion_ids", List.of("a2", "a3"))
        .containsEntry("candidate_label_values", List.of("FRAUD_CONFIRMED"));

    Map<String, Object> conflict = asOf("2026-01-01T00:00:05.000000Z", EARLY, LATER, TIE_OTHER);
    assertThat(conflict).containsEntry("status", AsOf.CONFLICT).containsEntry("selected_assertion_id", null)
        .containsEntry("selected_label_value", null)
        .containsEntry("candidate_assertion_ids", List.of("a0", "a2"))
        .containsEntry("candidate_label_values", List.of("FRAUD_CONFIRMED", "LEGIT_CONFIRMED"));
  }

  @Test
  void shouldAnswerNotFoundWhenNothingIsEligible() {
    assertThat(asOf("2026-01-01T00:00:00.000000Z", EARLY)).containsEntry("status", AsOf.NOT_FOUND)
        .containsEntry("selected_assertion_id", null).containsEntry("candidate_assertion_ids", List.of());
    assertThat(asOf("2026-01-01T00:00:05.000000Z", OTHER_TYPE)).containsEntry("status", AsOf.NOT_FOUND);
  }

  @Test
  void shouldResolveEveryLabelTypeOfTheSubject() {
    Map<String, Object> all = AsOf.resolveAll(RUN, "evt_1", "2026-01-01T00:00:05.000000Z",
        List.of(EARLY, OTHER_TYPE));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> labels = (Map<String, Map<String, Object>>) all.get("labels");
    assertThat(labels).containsOnlyKeys("chargeback_status", "fraud_disposition");
    assertThat(labels.get("chargeback_status")).containsEntry("selected_label_value", "CHARGEBACK");
  }
}
