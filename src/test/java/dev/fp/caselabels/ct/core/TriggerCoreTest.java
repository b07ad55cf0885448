package dev.fp.caselabels.ct.core;

import dev.fp.caselabels.ct.CtSamples;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Ids;
import dev.fp.contract.Json;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CT's core without I/O: which records raise which triggers, and what the replay ledger does with them again. */
class TriggerCoreTest {
  static final String RUN = CtSamples.RUN;
  static final String RTDL = "fp.bus.rtdl.v1";

  static TriggerPolicy policy(double reviewSampleRate) throws Exception {
    Map<String, Object> doc = Json.readYamlObject(Files.readAllBytes(Path.of("conf/ct/trigger_policy_v0.yaml")));
    doc.put("escalation", Map.of("escalate_action_kinds", List.of("QUEUE_REVIEW", "STEP_UP"),
        "review_sample_rate", reviewSampleRate));
    return TriggerPolicy.parse(doc);
  }

  static ProcessorDriver<TriggerPublish> driver(double reviewSampleRate) throws Exception {
    return new ProcessorDriver<>(new TriggerCore(policy(reviewSampleRate)), RUN).withCounterNames(CtCounters.ALL);
  }

  static String caseId(int n) {
    return Ids.caseId(RUN, "traffic_fraud", CtSamples.sourceEventId(n));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payload(TriggerPublish p) {
    return (Map<String, Object>) p.envelope().get("payload");
  }

  @Test
  void shouldEscalateAStepUpDecisionIntoAValidTrigger() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(0);
    BatchState<TriggerPublish> b = d.feedEnvelopes(RTDL, 0, List.of(
        CtSamples.decision(RUN, 1, "STEP_UP", CtSamples.DECIDED_AT),
        CtSamples.decision(RUN, 2, "ALLOW", CtSamples.DECIDED_AT)));

    assertThat(b.effects()).hasSize(1);
    TriggerPublish p = b.effects().get(0);
    String id = Ids.caseTriggerId(caseId(1), "DECISION_ESCALATION", "decision:" + CtSamples.decisionId(1));
    assertThat(p.key()).isEqualTo(new CtTables.TriggerKey(RUN, id));
    assertThat(p.envelope()).containsEntry("event_id", id).containsEntry("event_type", "case_trigger")
        .containsEntry("ts_utc", CtSamples.DECIDED_AT).containsEntry("parent_event_id",
            "decision:" + CtSamples.decisionId(1));
    CaseTriggers.validate(payload(p));
    assertThat(payload(p).get("trigger_payload")).isEqualTo(Map.of("source_contract", "decision_response",
        "decision_kind", "fraud_decision_v0", "decision_action_kind", "STEP_UP", "escalation_basis", "ACTION_KIND"));
    assertThat(payload(p).get("evidence_refs")).isEqualTo(List.of(
        Map.of("ref_type", "DECISION", "ref_id", CtSamples.decisionId(1)),
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + CtSamples.decisionId(1))));
    assertThat(d.counters().get(CtCounters.TRIGGERS_SEEN)).isEqualTo(1);
    assertThat(d.counters().get(CtCounters.DECISIONS_SEEN)).isEqualTo(2);
    assertThat(d.get(CtTables.DECISIONS, new CtTables.DecisionKey(RUN, CtSamples.decisionId(2))).sourceEventId())
        .isEqualTo(CtSamples.sourceEventId(2));
  }

  @Test
  void shouldSampleEveryAllowDecisionAtRateOne() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(1);
    BatchState<TriggerPublish> b = d.feedEnvelopes(RTDL, 0, List.of(
        CtSamples.decision(RUN, 2, "ALLOW", CtSamples.DECIDED_AT)));

    assertThat(b.effects()).hasSize(1);
    assertThat(payload(b.effects().get(0)).get("trigger_payload")).asString().contains("REVIEW_SAMPLE");
    assertThat(d.counters().get(CtCounters.ESCALATED_REVIEW_SAMPLE)).isEqualTo(1);
  }

  @Test
  void shouldRaiseTheSameFailureTriggerWhetherTheOutcomeComesBeforeOrAfterItsDecision() throws Exception {
    ProcessorDriver<TriggerPublish> after = driver(0);
    after.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 3, "ALLOW", CtSamples.DECIDED_AT)));
    BatchState<TriggerPublish> a = after.feedEnvelopes(RTDL, 1, List.of(CtSamples.outcome(RUN, 3, "ALLOW", "FAILED")));

    ProcessorDriver<TriggerPublish> before = driver(0);
    BatchState<TriggerPublish> parked = before.feedEnvelopes(RTDL, 1, List.of(CtSamples.outcome(RUN, 3, "ALLOW",
        "FAILED")));
    assertThat(parked.effects()).isEmpty();
    assertThat(before.counters().get(CtCounters.OUTCOMES_PARKED)).isEqualTo(1);
    // the same outcome again while it waits: parked once
    before.feedEnvelopes(RTDL, 1, List.of(CtSamples.outcome(RUN, 3, "ALLOW", "FAILED")));
    assertThat(before.counters().get(CtCounters.OUTCOMES_PARKED)).isEqualTo(1);
    BatchState<TriggerPublish> released = before.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 3, "ALLOW",
        CtSamples.DECIDED_AT)));

    assertThat(a.effects()).hasSize(1);
    assertThat(released.effects()).hasSize(1);
    assertThat(released.effects().get(0).envelope()).isEqualTo(a.effects().get(0).envelope());
    assertThat(before.get(CtTables.WAITING, new CtTables.DecisionKey(RUN, CtSamples.decisionId(3)))).isNull();
    assertThat(before.counters().get(CtCounters.OUTCOMES_RELEASED)).isEqualTo(1);
    Map<String, Object> t = payload(a.effects().get(0));
    CaseTriggers.validate(t);
    assertThat(t).containsEntry("trigger_type", "ACTION_FAILURE")
        .containsEntry("source_ref_id", "action_outcome:" + CtSamples.outcomeId(3))
        .containsEntry("case_id", caseId(3)).containsEntry("observed_time", CtSamples.COMPLETED_AT);
  }

  @Test
  void shouldReleaseAnOutcomeWhoseDecisionComesLaterInTheSameBatch() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(0);
    BatchState<TriggerPublish> b = d.feedEnvelopes(RTDL, 0, List.of(CtSamples.outcome(RUN, 4, "ALLOW", "DENIED"),
        CtSamples.decision(RUN, 4, "ALLOW", CtSamples.DECIDED_AT)));

    assertThat(b.effects()).hasSize(1);
    assertThat(d.counters().get(CtCounters.ACTION_FAILURES)).isEqualTo(1);
    assertThat(d.get(CtTables.WAITING, new CtTables.DecisionKey(RUN, CtSamples.decisionId(4)))).isNull();
  }

  @Test
  void shouldNotRaiseATriggerForAnExecutedOutcome() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(0);
    BatchState<TriggerPublish> b = d.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 5, "ALLOW",
        CtSamples.DECIDED_AT), CtSamples.outcome(RUN, 5, "ALLOW", "EXECUTED")));

    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(CtCounters.OUTCOMES_SEEN)).isEqualTo(1);
  }

  @Test
  void shouldMatchAReplayAndKeepAMismatchWithoutPublishingEither() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(0);
    d.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 1, "STEP_UP", CtSamples.DECIDED_AT)));

    BatchState<TriggerPublish> replay = d.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 1, "STEP_UP",
        CtSamples.DECIDED_AT)));
    assertThat(replay.effects()).isEmpty();
    assertThat(d.counters().get(CtCounters.REPLAYS)).isEqualTo(1);

    // the same decision id decided at another time: same trigger id, another payload
    BatchState<TriggerPublish> other = d.feedEnvelopes(RTDL, 0, List.of(CtSamples.decision(RUN, 1, "STEP_UP",
        "2026-01-01T00:00:09.000000Z")));
    assertThat(other.effects()).isEmpty();
    assertThat(d.counters().get(CtCounters.PAYLOAD_MISMATCH)).isEqualTo(1);
    assertThat(d.counters().get(CtCounters.TRIGGERS_SEEN)).isEqualTo(1);
    String id = Ids.caseTriggerId(caseId(1), "DECISION_ESCALATION", "decision:" + CtSamples.decisionId(1));
    CtTables.LedgerRow row = d.get(CtTables.LEDGER, new CtTables.TriggerKey(RUN, id));
    assertThat(row.replayCount()).isEqualTo(1);
    assertThat(row.mismatchCount()).isEqualTo(1);
    assertThat(d.rows(CtTables.MISMATCHES)).hasSize(1)
        .allMatch(e -> e.getValue().storedHash().equals(row.ledgerHash()));
  }

  @Test
  void shouldRecordInvalidRecordsAndPassOtherEventTypes() throws Exception {
    ProcessorDriver<TriggerPublish> d = driver(1);
    Map<String, Object> noSource = new LinkedHashMap<>(CtSamples.decision(RUN, 6, "STEP_UP", CtSamples.DECIDED_AT));
    @SuppressWarnings("unchecked")
    Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) noSource.get("payload"));
    p.remove("source_event");
    noSource.put("payload", p);
    Map<String, Object> intent = new LinkedHashMap<>(CtSamples.outcome(RUN, 6, "ALLOW", "FAILED"));
    intent.put("event_type", "action_intent");
    Map<String, Object> badSeed = CtSamples.decision(RUN, 7, "STEP_UP", CtSamples.DECIDED_AT);
    @SuppressWarnings("unchecked")
    Map<String, Object> pins = (Map<String, Object>) ((Map<String, Object>) badSeed.get("payload")).get("pins");
    pins.put("seed", -1);

    BatchState<TriggerPublish> b = d.feedEnvelopes(RTDL, 0, List.of(noSource, intent, badSeed));

    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(CtCounters.INVALID)).isEqualTo(2);
    assertThat(d.counters().get(CtCounters.IGNORED)).isEqualTo(1);
    assertThat(d.rows(CtTables.FAILURES)).extracting(e -> e.getValue().reasonCode())
        .containsExactlyInAnyOrder("DECISION_INVALID", "PINS_INVALID:seed");
  }
}
