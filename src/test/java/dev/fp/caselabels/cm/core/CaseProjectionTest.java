package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.CmSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The §2.4 fold over timelines built by CM's own builders. */
class CaseProjectionTest {
  static final String NOW = "2026-12-06T00:00:00.000000Z";

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> triggeredAndPending(Map<String, Object>[] assertion) throws Exception {
    Map<String, Object> t = CmSamples.vectorTrigger();
    String caseId = (String) t.get("case_id");
    Map<String, Object> triggered = CaseTimeline.event(caseId, CaseTimeline.CASE_TRIGGERED,
        (String) t.get("case_trigger_id"), (Map<String, Object>) t.get("pins"), (String) t.get("observed_time"),
        (List<Map<String, Object>>) t.get("evidence_refs"), Map.of(), (Map<String, Object>) t.get("case_subject_key"));
    LabelEmissionPolicy policy = CmSamples.shippedPolicy();
    assertion[0] = LabelHandshake.autoAssertion(policy, policy.autoLabel("DECISION_ESCALATION"), t,
        (String) triggered.get("case_timeline_event_id"));
    return new ArrayList<>(List.of(triggered, LabelHandshake.pendingEvent(caseId, assertion[0])));
  }

  @Test
  void shouldFoldTriggeredAndPendingIntoLabelPending() throws Exception {
    @SuppressWarnings("unchecked") Map<String, Object>[] a = new Map[1];
    CaseProjection p = CaseProjection.fold("c", triggeredAndPending(a));
    assertThat(p.status()).isEqualTo("LABEL_PENDING");
    assertThat(p.queueState()).isEqualTo("pending_label");
    assertThat(p.pendingLabelWrite()).isTrue();
    assertThat(p.eventCount()).isEqualTo(2);
  }

  @Test
  void shouldResolveOnAcceptanceWhateverOrderTheIdsGiveEventsOfOneTime() throws Exception {
    @SuppressWarnings("unchecked") Map<String, Object>[] a = new Map[1];
    List<Map<String, Object>> events = triggeredAndPending(a);
    var stored = LabelHandshake.stored("c", a[0], "p");
    events.add(LabelHandshake.answered(stored, "ACCEPTED", "ASSERTION_COMMITTED_NEW", "ref", NOW).event());
    for (int i = 0; i < 3; i++) {
      Collections.rotate(events, 1);
      CaseProjection p = CaseProjection.fold("c", events);
      assertThat(p.status()).isEqualTo("RESOLVED");
      assertThat(p.isOpen()).isFalse();
      assertThat(p.pendingLabelWrite()).isFalse();
    }
  }

  @Test
  void shouldSendARejectedLabelBackToTriage() throws Exception {
    @SuppressWarnings("unchecked") Map<String, Object>[] a = new Map[1];
    List<Map<String, Object>> events = triggeredAndPending(a);
    events.add(LabelHandshake.retryLimit(LabelHandshake.stored("c", a[0], "p"), NOW).event());
    CaseProjection p = CaseProjection.fold("c", events);
    assertThat(p.status()).isEqualTo("LABEL_REJECTED");
    assertThat(p.queueState()).isEqualTo("triage");
    assertThat(p.isOpen()).isTrue();
  }

  @Test
  void shouldStartNewAndFollowActionEvents() {
    Map<String, Object> pins = CmSamples.pins(CmSamples.RUN);
    Map<String, Object> intent = CaseTimeline.event("c", CaseTimeline.ACTION_INTENT_REQUESTED, "action_intent:x:submit:submitted",
        pins, "2026-01-01T00:00:02.000000Z", List.of(), Map.of("submit_status", "SUBMITTED"), null);
    Map<String, Object> failed = CaseTimeline.event("c", CaseTimeline.ACTION_OUTCOME_ATTACHED, "action_outcome:o",
        pins, "2026-01-01T00:00:03.000000Z", List.of(), Map.of("outcome_status", "FAILED"), null);
    assertThat(CaseProjection.fold("c", List.of()).status()).isEqualTo("NEW");
    assertThat(CaseProjection.fold("c", List.of(intent)).status()).isEqualTo("ACTION_PENDING");
    CaseProjection p = CaseProjection.fold("c", List.of(failed, intent));
    assertThat(p.status()).isEqualTo("ACTION_FAILED");
    assertThat(p.pendingActionOutcome()).isFalse();
    assertThat(p.lastActivityObservedTime()).isEqualTo("2026-01-01T00:00:03.000000Z");
  }
}
