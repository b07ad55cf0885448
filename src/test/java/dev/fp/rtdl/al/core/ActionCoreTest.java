package dev.fp.rtdl.al.core;

import dev.fp.contract.Json;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.rtdl.al.AlSamples;
import dev.fp.rtdl.al.store.AlTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActionCoreTest {
  static final String RUN = AlSamples.RUN;
  static final String RTDL = "fp.bus.rtdl.v1";
  static final String D = "d".repeat(32);

  static Map<String, Object> shippedPolicy() throws Exception {
    return Json.readYamlObject(Files.readAllBytes(Path.of("conf/al/policy_v0.yaml")));
  }

  static AlPolicy policy(Map<String, Object> executor) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>(shippedPolicy());
    doc.put("executors", Map.of("default", executor));
    return AlPolicy.parse(doc);
  }

  static Map<String, Object> rates(double decline, double permanent, double unknown, double retryable) {
    return Map.of("decline_rate", decline, "permanent_failure_rate", permanent, "unknown_commit_rate", unknown,
        "retryable_failure_rate", retryable, "latency_ms", 10);
  }

  ProcessorDriver<OutcomePublish> driver(AlPolicy policy) {
    return new ProcessorDriver<>(new ActionCore(policy), RUN).withCounterNames(AlCounters.ALL);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payloadOf(OutcomePublish p) {
    return (Map<String, Object>) p.envelope().get("payload");
  }

  @Test
  void shouldExecuteAnIntentOnceWithTheReferenceOutcomeId() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(AlPolicy.parse(shippedPolicy()));
    BatchState<OutcomePublish> b = d.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "ALLOW", "k-1")));
    assertThat(b.effects()).hasSize(1);
    OutcomePublish out = b.effects().get(0);
    // sha256(canonical{decision_id, action_id, idempotency_key, terminal_state, reason_code, final_attempt_seq})[:32]
    assertThat(out.key().outcomeId()).isEqualTo("d69212e386a1f419a2591424ac80c6b8");
    assertThat(out.envelope()).containsEntry("event_id", "d69212e386a1f419a2591424ac80c6b8")
        .containsEntry("event_type", "action_outcome").containsEntry("parent_event_id", D)
        .containsEntry("producer", "action_layer").containsEntry("seed", 42)
        .containsEntry("ts_utc", "2026-01-01T00:00:02.002000Z");
    Map<String, Object> p = payloadOf(out);
    assertThat(p).containsEntry("status", "EXECUTED").containsEntry("reason", "EXECUTED")
        .containsEntry("action_id", "cdb533bc5a710d7731971819b41941af").containsEntry("attempt_seq", 1)
        .containsEntry("completed_at_utc", "2026-01-01T00:00:02.002000Z");
    AlTables.LedgerEntry ledger = d.get(AlTables.LEDGER, new AlTables.LedgerKey(RUN, AlSamples.SCENARIO_RUN_ID,
        "5e271233f859b1a53523839fad7a5c25500f7382c0c41bcc7486047d2b996096"));
    assertThat(ledger.outcomeId()).isEqualTo("d69212e386a1f419a2591424ac80c6b8");
    assertThat(d.counters().get(AlCounters.INTAKE)).isEqualTo(1);
    assertThat(d.counters().get(AlCounters.EXECUTED)).isEqualTo(1);

    BatchState<OutcomePublish> replay = d.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "ALLOW", "k-1")));
    assertThat(replay.effects()).isEmpty();
    assertThat(d.counters().get(AlCounters.DUPLICATE_INTENT)).isEqualTo(1);
    assertThat(d.counters().get(AlCounters.EXECUTED)).isEqualTo(1);
  }

  @Test
  void shouldQuarantineAnotherIntentUnderAUsedKey() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(AlPolicy.parse(shippedPolicy()));
    d.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "ALLOW", "k-1")));
    BatchState<OutcomePublish> b = d.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "STEP_UP", "k-1")));
    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(AlCounters.INTENT_MISMATCH)).isEqualTo(1);
    assertThat(d.rows(AlTables.FAILURES)).hasSize(1);
    assertThat(d.rows(AlTables.FAILURES).get(0).getValue().reasonCode()).isEqualTo("SEMANTIC_PAYLOAD_HASH_MISMATCH");
  }

  @Test
  void shouldRecordInvalidIntentsAndPassOtherEvents() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(AlPolicy.parse(shippedPolicy()));
    Map<String, Object> bad = new LinkedHashMap<>(AlSamples.intentPayload(RUN, D, "ALLOW", "k-2"));
    bad.put("action_id", "not-hex");
    Map<String, Object> decision = new LinkedHashMap<>(AlSamples.intent(RUN, D, "ALLOW", "k-3"));
    decision.put("event_type", "decision_response");
    BatchState<OutcomePublish> b = d.feedEnvelopes(RTDL, 0, List.of(AlSamples.envelope(RUN, bad), decision));
    assertThat(b.effects()).isEmpty();
    assertThat(d.counters().get(AlCounters.INVALID)).isEqualTo(1);
    assertThat(d.counters().get(AlCounters.IGNORED)).isEqualTo(1);
    assertThat(d.counters().get(AlCounters.INTAKE)).isZero();
    AlTables.FailureRow f = d.rows(AlTables.FAILURES).get(0).getValue();
    assertThat(f.reasonCode()).isEqualTo("INTENT_INVALID");
    assertThat(f.detail()).isEqualTo("action_id: expected ^[a-f0-9]{32}$, got 'not-hex'");
    assertThat(d.checkpoint(RTDL, 0)).isNotNull();
  }

  @Test
  void shouldDenyWhatThePolicyDoesNotAllowWithEveryReason() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(AlPolicy.parse(shippedPolicy()));
    Map<String, Object> p = new LinkedHashMap<>(AlSamples.intentPayload(RUN, D, "WIRE_MONEY", "k-4"));
    p.put("actor_principal", "SYSTEM::intruder");
    BatchState<OutcomePublish> b = d.feedEnvelopes(RTDL, 0, List.of(AlSamples.envelope(RUN, p)));
    Map<String, Object> out = payloadOf(b.effects().get(0));
    assertThat(out).containsEntry("status", "DENIED")
        .containsEntry("reason", "AUTHZ_ACTION_KIND_DENY,AUTHZ_ACTOR_PRINCIPAL_DENY").containsEntry("attempt_seq", 0);
    assertThat(d.counters().get(AlCounters.DENIED)).isEqualTo(1);
    assertThat(d.counters().get(AlCounters.ATTEMPTS)).isZero();

    Map<String, Object> closed = new LinkedHashMap<>(shippedPolicy());
    closed.put("execution_posture", Map.of("mode", "FAIL_CLOSED", "allow_execution", false));
    ProcessorDriver<OutcomePublish> blocked = driver(AlPolicy.parse(closed));
    Map<String, Object> o = payloadOf(blocked.feedEnvelopes(RTDL, 0,
        List.of(AlSamples.intent(RUN, D, "ALLOW", "k-5"))).effects().get(0));
    assertThat(o).containsEntry("status", "DENIED").containsEntry("reason", "POSTURE_BLOCK:FAIL_CLOSED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRetryThenFailDeterministically() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(policy(rates(0, 0, 0, 1.0)));
    Map<String, Object> out = payloadOf(d.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "STEP_UP", "k-6")))
        .effects().get(0));
    assertThat(out).containsEntry("status", "FAILED").containsEntry("reason", "RETRY_EXHAUSTED:SIM_UNAVAILABLE")
        .containsEntry("attempt_seq", 3)
        // three attempts of 10 ms, back-offs of 100 and 200 ms
        .containsEntry("completed_at_utc", "2026-01-01T00:00:02.330000Z");
    assertThat((List<Object>) ((Map<String, Object>) out.get("outcome_payload")).get("attempts")).hasSize(3);
    assertThat(d.counters().get(AlCounters.RETRIES)).isEqualTo(2);
    assertThat(d.counters().get(AlCounters.FAILED)).isEqualTo(1);

    assertThat(payloadOf(driver(policy(rates(0, 1.0, 0, 0))).feedEnvelopes(RTDL, 0,
        List.of(AlSamples.intent(RUN, D, "STEP_UP", "k-6"))).effects().get(0)))
        .containsEntry("status", "FAILED").containsEntry("reason", "PERMANENT_ERROR:SIM_PERMANENT");
    assertThat(payloadOf(driver(policy(rates(1.0, 0, 0, 0))).feedEnvelopes(RTDL, 0,
        List.of(AlSamples.intent(RUN, D, "STEP_UP", "k-6"))).effects().get(0)))
        .containsEntry("status", "DENIED").containsEntry("reason", "PROVIDER_DECLINED:SIM_DECLINED");
    ProcessorDriver<OutcomePublish> unknown = driver(policy(rates(0, 0, 1.0, 0)));
    assertThat(payloadOf(unknown.feedEnvelopes(RTDL, 0, List.of(AlSamples.intent(RUN, D, "STEP_UP", "k-6")))
        .effects().get(0))).containsEntry("reason", "UNCERTAIN_COMMIT");
    assertThat(unknown.counters().get(AlCounters.UNKNOWN_COMMIT)).isEqualTo(1);
  }

  @Test
  void shouldDrawEachResultAtItsConfiguredRate() throws Exception {
    ProcessorDriver<OutcomePublish> d = driver(policy(rates(0.1, 0.1, 0, 0)));
    List<Map<String, ?>> intents = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      intents.add(AlSamples.intent(RUN, AlSamples.decisionId(i), "STEP_UP", "k-" + i));
    }
    d.feedEnvelopes(RTDL, 0, intents);
    // hash draws are deterministic, so the counts are exact: 10 % of 2 000 is 200 each, give or take the draw
    assertThat(d.counters().get(AlCounters.DENIED)).isEqualTo(180);
    assertThat(d.counters().get(AlCounters.FAILED)).isEqualTo(205);
    assertThat(d.counters().get(AlCounters.EXECUTED) + d.counters().get(AlCounters.DENIED)
        + d.counters().get(AlCounters.FAILED)).isEqualTo(2_000);
  }
}
