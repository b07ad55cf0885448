package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.CmSamples;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.TimelineRow;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.caselabels.cm.CmSamples.CASE_TOPIC;
import static dev.fp.caselabels.cm.CmSamples.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CM's intake core under the synchronous driver, with the case_ops_obs §0 vectors. */
class CaseIntakeCoreTest {
  static final String CASE_ID = "c8b6192fa298c1b2dcff2277614a4f08";
  static final String TIMELINE_ID = "4d5520bec3e988b9662c7234ba7269bd";
  static final String LABEL_ID = "e9d26d9547d37979e96e31ce4499a0c1";
  static final String LABEL_HASH = "f9cde4661e6ac7352c05c15424507f5780a534652602dd51395952fb93589964";

  ProcessorDriver<IntakeCommit> driver() throws Exception {
    return new ProcessorDriver<>(new CaseIntakeCore(CmSamples.shippedPolicy()), RUN)
        .withCounterNames(CmCounters.INTAKE_ALL).withStoreBeforeEffects().withEffects(CaseIntakeCoreTest::accept);
  }

  /** What CM's label writer commits when LS accepts every label: answers, intake counters, the counted mark. */
  static void accept(List<IntakeCommit> effects, dev.fp.platform.stream.core.BatchWrites batch) {
    for (IntakeCommit e : effects) {
      if (e.label() != null) {
        batch.put(CmTables.EMISSIONS, e.labelKey(), LabelHandshake.answered(e.label(), "ACCEPTED",
            "ASSERTION_COMMITTED_NEW", "ref", "2026-12-06T00:00:00.000000Z").row());
      }
      e.intake().intakeCounts().forEach(batch::count);
      batch.put(CmTables.INTAKE, e.trigger(), e.intake().countedNow());
    }
  }

  @Test
  void shouldReproduceTheReferenceVectorsForCaseTimelineAndLabel() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    BatchState<IntakeCommit> b = d.feedEnvelopes(CASE_TOPIC, 0, List.of(CmSamples.envelope(CmSamples.vectorTrigger())));

    assertThat(d.get(CmTables.CASES, new CmTables.CaseKey(RUN, CASE_ID))).isNotNull();
    TimelineRow triggered = d.get(CmTables.TIMELINE, new CmTables.TimelineKey(RUN, CASE_ID, TIMELINE_ID));
    assertThat(triggered.event()).containsEntry("timeline_event_type", "CASE_TRIGGERED")
        .containsEntry("source_ref_id", "fdff95b8501d38d123f3da6eb08ffe40");
    assertThat(b.effects()).hasSize(1);
    IntakeCommit submit = b.effects().get(0);
    assertThat(submit.labelKey()).isEqualTo(new EmissionKey(RUN, LABEL_ID));
    assertThat(submit.label().assertion()).containsEntry("label_assertion_id", LABEL_ID)
        .containsEntry("payload_hash", LABEL_HASH).containsEntry("label_value", "FRAUD_SUSPECTED")
        .containsEntry("actor_id", "SYSTEM::case_mgmt_worker").containsEntry("source_type", "AUTO");
    assertThat(submit.label().status()).isEqualTo("PENDING");
    assertThat(submit.label().attemptCount()).isZero();
    assertThat(submit.intake().intakeCounts()).containsEntry(CmCounters.CASES_CREATED, 1L)
        .containsEntry(CmCounters.TIMELINE_APPENDED, 2L).containsEntry(CmCounters.LABEL_ASSERTIONS, 1L);
    assertThat(d.counters().get(CmCounters.CASES_CREATED)).isEqualTo(1);
    assertThat(d.counters().get(CmCounters.TIMELINE_APPENDED)).isEqualTo(2);
    assertThat(d.rows(CmTables.LINKS)).extracting(e -> e.getKey().refType() + "=" + e.getKey().refId())
        .contains("decision_id=" + "a".repeat(32), "event_id=evt_0001", "case_trigger_id=fdff95b8501d38d123f3da6eb08ffe40",
            "audit_record_id=audit_" + "a".repeat(32), "case_event_id=" + TIMELINE_ID);
  }

  @Test
  void shouldCountAReplayedTriggerAndAppendNothing() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    Map<String, Object> env = CmSamples.envelope(CmSamples.vectorTrigger());
    d.feedEnvelopes(CASE_TOPIC, 0, List.of(env));
    BatchState<IntakeCommit> again = d.feedEnvelopes(CASE_TOPIC, 0, List.of(env));

    assertThat(again.effects()).isEmpty();
    assertThat(d.counters().get(CmCounters.TRIGGERS_DUPLICATE)).isEqualTo(1);
    assertThat(d.counters().get(CmCounters.TIMELINE_APPENDED)).isEqualTo(2);
    assertThat(d.counters().get(CmCounters.CASES_CREATED)).isEqualTo(1);
    assertThat(d.rows(CmTables.INTAKE)).singleElement().satisfies(e -> assertThat(e.getValue().replayCount())
        .isEqualTo(1));
  }

  @Test
  void shouldResubmitALabelStoredButNeverSentWhenTheBatchIsRedelivered() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    Map<String, Object> env = CmSamples.envelope(CmSamples.vectorTrigger());
    d.withEffects((effects, batch) -> {
      throw new IllegalStateException("process died before LS was called");
    });
    // the shell re-delivers the very record (same offset) after a failed batch
    List<dev.fp.substrate.eventlog.LogRecord> batch = List.of(d.record(CASE_TOPIC, 0,
        dev.fp.contract.CanonicalJson.write(env)));
    assertThatThrownBy(() -> d.feed(batch)).hasMessageContaining("died");
    // the intake and the PENDING label were committed before the effect; the checkpoint was not
    assertThat(d.get(CmTables.EMISSIONS, new EmissionKey(RUN, LABEL_ID)).status()).isEqualTo("PENDING");
    assertThat(d.checkpoint(CASE_TOPIC, 0)).isNull();

    assertThat(d.counters().get(CmCounters.CASES_CREATED)).isZero();

    d.withEffects(CaseIntakeCoreTest::accept);
    BatchState<IntakeCommit> redelivered = d.feed(batch);
    assertThat(redelivered.effects()).singleElement()
        .satisfies(e -> assertThat(e.labelKey().labelAssertionId()).isEqualTo(LABEL_ID));
    assertThat(d.counters().get(CmCounters.LABELS_RESUBMITTED)).isEqualTo(1);
    // the intake's counters, lost with the crashed batch, commit once with the re-delivered one
    assertThat(d.counters().get(CmCounters.CASES_CREATED)).isEqualTo(1);
    assertThat(d.counters().get(CmCounters.TRIGGERS_NEW)).isEqualTo(1);
    assertThat(d.counters().get(CmCounters.TRIGGERS_DUPLICATE)).isZero();
    assertThat(d.rows(CmTables.TIMELINE)).hasSize(2);
    assertThat(d.rows(CmTables.INTAKE)).singleElement().satisfies(e -> assertThat(e.getValue().counted()).isTrue());

    // the same record once more (a replay from trim_horizon): a plain duplicate now
    assertThat(d.feedEnvelopes(CASE_TOPIC, 0, List.of(env)).effects()).isEmpty();
    assertThat(d.counters().get(CmCounters.TRIGGERS_DUPLICATE)).isEqualTo(1);
    assertThat(d.counters().get(CmCounters.CASES_CREATED)).isEqualTo(1);
  }

  @Test
  void shouldRecordAMismatchingTriggerAndKeepTheStoredOne() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    d.feedEnvelopes(CASE_TOPIC, 0, List.of(CmSamples.envelope(CmSamples.vectorTrigger())));
    // same (case, type, source ref) → same case_trigger_id; another observed time → another payload hash
    Map<String, Object> other = CmSamples.trigger(RUN, "a".repeat(32), "evt_0001", "2026-01-01T00:00:09.000000Z");
    BatchState<IntakeCommit> b = d.feedEnvelopes(CASE_TOPIC, 0, List.of(CmSamples.envelope(other)));

    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(CmCounters.TRIGGER_MISMATCHES)).isEqualTo(1);
    assertThat(d.rows(CmTables.TRIGGER_MISMATCHES)).hasSize(1);
    assertThat(d.rows(CmTables.INTAKE)).singleElement().satisfies(e -> assertThat(e.getValue().observedTime())
        .isEqualTo(CmSamples.OBSERVED));
  }

  @Test
  void shouldRecordAnInvalidTriggerWithItsReasonAndPassIt() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    Map<String, Object> bad = new LinkedHashMap<>(CmSamples.vectorTrigger());
    bad.put("case_id", "0".repeat(32));
    Map<String, Object> otherRun = CmSamples.trigger("platform_20260102T000000Z", 1);
    Map<String, Object> otherRunEnvelope = new LinkedHashMap<>(CmSamples.envelope(otherRun));
    otherRunEnvelope.put("platform_run_id", RUN);   // the envelope claims our run, the pins another
    d.feedEnvelopes(CASE_TOPIC, 0, List.of(CmSamples.envelope(bad), otherRunEnvelope));

    assertThat(d.counters().get(CmCounters.TRIGGERS_INVALID)).isEqualTo(2);
    assertThat(d.rows(CmTables.INVALID)).extracting(e -> e.getValue().reasonCode())
        .containsExactly("CASE_ID_MISMATCH", "RUN_SCOPE_MISMATCH");
    assertThat(d.rows(CmTables.CASES)).isEmpty();
    assertThat(d.checkpoint(CASE_TOPIC, 0)).isEqualTo("1");
  }

  @Test
  void shouldKeepTwoSubjectsInTwoCasesAndTwoTriggersOfOneSubjectInOne() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    Map<String, Object> a = CmSamples.trigger(RUN, "1".repeat(32), "evt_A", CmSamples.OBSERVED);
    Map<String, Object> a2 = CmSamples.trigger(RUN, "2".repeat(32), "evt_A", "2026-01-01T00:00:05.000000Z");
    Map<String, Object> b = CmSamples.trigger(RUN, "3".repeat(32), "evt_B", CmSamples.OBSERVED);
    d.feedEnvelopes(CASE_TOPIC, 0, List.of(CmSamples.envelope(a), CmSamples.envelope(a2), CmSamples.envelope(b)));

    assertThat(d.rows(CmTables.CASES)).hasSize(2);
    assertThat(d.get(CmTables.CASES, new CmTables.CaseKey(RUN, (String) a.get("case_id"))))
        .satisfies(c -> {
          assertThat(c.triggerCount()).isEqualTo(2);
          assertThat(c.lastObservedTime()).isEqualTo("2026-01-01T00:00:05.000000Z");
        });
    assertThat(d.counters().get(CmCounters.LABEL_ASSERTIONS)).isEqualTo(3);
  }

  @Test
  void shouldIgnoreOtherEventTypes() throws Exception {
    ProcessorDriver<IntakeCommit> d = driver();
    Map<String, Object> env = new LinkedHashMap<>(CmSamples.envelope(CmSamples.vectorTrigger()));
    env.put("event_type", "something_else");
    d.feedEnvelopes(CASE_TOPIC, 0, List.of(env));
    assertThat(d.counters().get(CmCounters.IGNORED)).isEqualTo(1);
    assertThat(d.rows(CmTables.CASES)).isEmpty();
  }
}
