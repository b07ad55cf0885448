package dev.fp.control.sr;

import dev.fp.contract.Hashing;
import dev.fp.contract.OutputMode;
import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.SrException;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.fp.control.sr.SrFixture.RUN;
import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.control.sr.SrTestSupport.KEYS;
import static dev.fp.control.sr.SrTestSupport.RUN_ID;
import static dev.fp.control.sr.SrTestSupport.bytes;
import static dev.fp.control.sr.SrTestSupport.controlMessages;
import static dev.fp.control.sr.SrTestSupport.object;
import static dev.fp.control.sr.SrTestSupport.recordKinds;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The main SR flow on the embedded substrate: READY committed and published, idempotent re-submission. */
class SrServiceTest {
  @TempDir
  Path tmp;
  SrFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = SrFixture.embedded(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void shouldCommitAndPublishReadyForASealedWorld() throws Exception {
    SrResult r = await(fx.service().run(fx.request(KEY)));

    assertThat(r.runId()).isEqualTo(RUN_ID);
    assertThat(r.state()).isEqualTo(RunState.READY);
    assertThat(r.readyPublished()).isTrue();
    assertThat(r.alreadyOnBus()).isFalse();
    Map<String, Object> signal = object(fx, KEYS.readySignal());
    // the bundle hash covers the fixture's generated files, so the message id is checked against its spelled-out
    // preimage (control_ingress §9: sha256("ready|{platform_run_id}|{run_id}|{bundle_hash}")), not Ids
    assertThat(r.messageId()).isEqualTo(signal.get("message_id")).isEqualTo(
        Hashing.sha256Hex("ready|" + RUN + "|" + RUN_ID + "|" + signal.get("bundle_hash")));
    assertThat((String) signal.get("bundle_hash")).matches("[0-9a-f]{64}");
    assertThat(object(fx, KEYS.status())).containsEntry("state", "READY")
        .containsEntry("facts_view_ref", RUN + "/sr/run_facts_view/" + RUN_ID + ".json");
    assertThat(recordKinds(fx)).containsExactly("RUN_ACCEPTED", "PLAN_COMMITTED", "READY_COMMITTED",
        "READY_PUBLISHED");
    assertThat(Files.readString(fx.runLog())).contains("READY committed").contains("READY published");
    assertThat(Files.readString(fx.settings.platformRoot().resolve(RUN).resolve("session.jsonl")))
        .contains("\"event_kind\":\"run_submit\"").contains("\"component\":\"scenario_runner\"");
  }

  @Test
  void shouldPublishTheReadyEnvelopeWithTheRunIdAsPartitionKey() throws Exception {
    SrResult r = await(fx.service().run(fx.request(KEY)));

    List<Map<String, Object>> bus = controlMessages(fx);
    assertThat(bus).hasSize(1);
    Map<String, Object> msg = bus.get(0);
    assertThat(msg).containsEntry("topic", "fp.bus.control.v1").containsEntry("message_id", r.messageId())
        .containsEntry("partition_key", RUN_ID).containsEntry("attributes", Map.of("kind", "READY", "run_id", RUN_ID));
    assertThat(msg.get("payload")).isEqualTo(object(fx, KEYS.readySignal()));
  }

  @Test
  void shouldWriteFactsViewWithVerifiedLocatorsGatesAndStreamViews() throws Exception {
    await(fx.service().run(fx.request(KEY)));

    Map<String, Object> facts = object(fx, KEYS.factsView());
    assertThat(facts).containsEntry("platform_run_id", RUN).containsEntry("scenario_run_id", RUN_ID)
        .containsEntry("environment", "embedded").containsEntry("service_release_id", "test-release");
    assertThat((List<?>) facts.get("locators")).hasSize(4);
    assertThat((List<?>) facts.get("gate_receipts")).hasSize(10);
    assertThat(facts.get("output_roles")).isEqualTo(Map.of("s3_event_stream_with_fraud_6B", "business_traffic",
        "arrival_events_5B", "non_traffic", "s1_arrival_entities_6B", "non_traffic",
        "s3_flow_anchor_with_fraud_6B", "non_traffic"));
    Map<?, ?> pack = (Map<?, ?>) facts.get("oracle_pack_ref");
    assertThat(pack.get("engine_run_root")).isEqualTo(fx.engineRoot.toString());
    assertThat((Map<?, ?>) pack.get("stream_view_output_refs")).hasSize(4);
    assertThat(pack.get("oracle_pack_id")).asString().hasSize(64);
  }

  @Test
  void shouldReproduceTheSameArtifactsWithoutASecondReadyOnResubmission() throws Exception {
    SrResult first = await(fx.service().run(fx.request(KEY)));
    byte[] plan = bytes(fx, KEYS.plan()).orElseThrow();
    byte[] facts = bytes(fx, KEYS.factsView()).orElseThrow();
    byte[] signal = bytes(fx, KEYS.readySignal()).orElseThrow();
    fx.clock.advance(Duration.ofHours(2));

    SrResult again = await(fx.service().run(fx.request(KEY)));

    assertThat(again.readyPublished()).isTrue();
    assertThat(again.alreadyOnBus()).isTrue();
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.busRef().offset()).isEqualTo(first.busRef().offset());
    assertThat(bytes(fx, KEYS.plan())).contains(plan);
    assertThat(bytes(fx, KEYS.factsView())).contains(facts);
    assertThat(bytes(fx, KEYS.readySignal())).contains(signal);
    assertThat(controlMessages(fx)).hasSize(1);
    assertThat(recordKinds(fx)).containsExactly("RUN_ACCEPTED", "PLAN_COMMITTED", "READY_COMMITTED",
        "READY_PUBLISHED");
  }

  @Test
  void shouldReleaseTheLeaseWhenTheRunCompletes() throws Exception {
    await(fx.service().run(fx.request(KEY)));

    var row = await(fx.substrate.db().query("SELECT expires_at_ms FROM sr_run_leases WHERE run_id = $1",
        Tuple.of(RUN_ID))).iterator().next();
    assertThat(row.getLong(0)).isZero();
  }

  @Test
  void shouldRefuseAKnownKeyForAnotherWindow() throws Exception {
    await(fx.service().run(fx.request(KEY)));
    SrRequest r = fx.request(KEY);
    SrRequest otherWindow = new SrRequest(r.platformRunId(), KEY, r.engineRunRoot(), null, null, r.scenarioId(),
        r.mode(), List.of(), r.windowStart(), Instant.parse("2026-01-03T00:00:00Z"));

    assertThatThrownBy(() -> await(fx.service().run(otherWindow))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("EQUIV_KEY_COLLISION");
  }

  @Test
  void shouldRejectAnEngineRootWithoutARunReceipt() throws Exception {
    SrRequest r = SrRequest.of(RUN, KEY, tmp.resolve("nothing").toString(), "baseline_v1", OutputMode.FRAUD);

    assertThatThrownBy(() -> await(fx.service().run(r))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("ENGINE_ROOT_MISSING").matches(e -> ((SrException) e).isInputError());
  }
}
