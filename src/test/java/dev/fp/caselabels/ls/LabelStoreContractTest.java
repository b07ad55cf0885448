package dev.fp.caselabels.ls;

import dev.fp.caselabels.ls.core.LedgerEntry;
import dev.fp.caselabels.ls.store.LsTables;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.substrate.eventlog.LeaseHeldException;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fp.caselabels.ls.LsSamples.OTHER_RUN;
import static dev.fp.caselabels.ls.LsSamples.RUN;
import static dev.fp.caselabels.ls.LsSamples.T1;
import static dev.fp.caselabels.ls.LsSamples.T2;
import static dev.fp.caselabels.ls.LsSamples.T3;
import static dev.fp.caselabels.ls.LsSamples.fraud;
import static dev.fp.platform.stream.StreamPlatform.await;
import static dev.fp.platform.stream.StreamPlatform.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The Label Store verticle on a real StateStore through its event-bus client; each profile's test says which one. */
abstract class LabelStoreContractTest {
  @TempDir
  Path dir;
  StreamPlatform platform;
  LabelStoreClient client;
  final List<String> deployments = new ArrayList<>();

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  @BeforeEach
  void start() throws Exception {
    platform = open(dir, "components:\n  ls:\n    artifacts_interval_ms: 100\n    taxonomy_file: "
        + Path.of("conf/ls/taxonomy_v0.yaml").toAbsolutePath() + "\n");
    client = new LabelStoreClient(platform.runtime.vertx());
    deploy();
  }

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(platform.runtime.vertx().undeploy(d));
    }
    platform.close();
  }

  void deploy() throws Exception {
    deployments.add(await(platform.runtime.vertx().deployVerticle(new LabelStoreVerticle(platform.services, RUN))));
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  List<JsonObject> write(Map<String, Object>... assertions) throws Exception {
    JsonArray results = await(client.write(List.of(assertions))).getJsonArray("results");
    List<JsonObject> out = new ArrayList<>();
    results.forEach(r -> out.add((JsonObject) r));
    return out;
  }

  Map<String, Long> counters() throws Exception {
    return await(platform.state().get(CountersTable.TABLE, new CountersTable.Key(RUN, LabelStore.NAME)));
  }

  Path labelStoreDir() {
    return platform.services.config().platformRoot().resolve(RUN).resolve(LabelStore.DIRECTORY);
  }

  static String reason(JsonObject r) {
    return r.getString("status") + " " + r.getString("reason_code");
  }

  @Test
  void shouldAnswerEveryReasonOfTheWriterBoundaryAndKeepEveryReject() throws Exception {
    Map<String, Object> label = fraud("evt_1", "t1", "FRAUD_SUSPECTED", T1, T1);
    Map<String, Object> sameIdOtherValue = fraud("evt_1", "t1", "FRAUD_CONFIRMED", T1, T1);
    Map<String, Object> badValue = new LinkedHashMap<>(label);
    badValue.put("label_value", "MAYBE");
    Map<String, Object> noEvidence = new LinkedHashMap<>(label);
    noEvidence.put("evidence_refs", List.of());
    Map<String, Object> otherRun = LsSamples.assertion(OTHER_RUN, "evt_1", "t1", "fraud_disposition",
        "FRAUD_SUSPECTED", T1, T1);
    Map<String, Object> collides = fraud("evt_2", "t2", "FRAUD_SUSPECTED", T1, T1);
    String collidingId = (String) collides.get("label_assertion_id");
    // a ledger row under that id for another subject (written by another writer): the id's tuple disagrees
    await(platform.state().commit(new WriteBatch().put(LsTables.ASSERTIONS, new LsTables.LedgerKey(RUN, collidingId),
        new LedgerEntry(RUN, "evt_other", "fraud_disposition", "0".repeat(64), Map.of(), 0, 0, T1, T1,
            LabelStore.assertionRef(RUN, collidingId)))));

    List<JsonObject> results = write(label, label, sameIdOtherValue, badValue, noEvidence, otherRun, collides);

    assertThat(results).extracting(LabelStoreContractTest::reason).containsExactly(
        "ACCEPTED ASSERTION_COMMITTED_NEW", "ACCEPTED ASSERTION_REPLAY_MATCH", "REJECTED PAYLOAD_HASH_MISMATCH",
        "REJECTED CONTRACT_INVALID:label_value", "REJECTED MISSING_EVIDENCE_REFS", "REJECTED RUN_SCOPE_MISMATCH",
        "REJECTED DEDUPE_TUPLE_COLLISION");
    assertThat(results.get(1).getLong("replay_count")).isEqualTo(1);
    assertThat(results.get(2).getLong("mismatch_count")).isEqualTo(1);
    assertThat(results.get(2).getString("label_assertion_id")).isEqualTo(label.get("label_assertion_id"));
    Map<String, Long> c = counters();
    assertThat(c).containsEntry("accepted", 1L).containsEntry("duplicate", 1L).containsEntry("rejected", 5L)
        .containsEntry("contract_invalid", 1L).containsEntry("missing_evidence_refs", 1L)
        .containsEntry("run_scope_mismatch", 1L).containsEntry("payload_hash_mismatch", 1L)
        .containsEntry("dedupe_tuple_collision", 1L).containsEntry("mismatch_rows", 2L)
        .containsEntry("timeline_rows", 1L).containsEntry("write_batches", 1L);
    assertThat(await(platform.state().scan(LsTables.REJECTIONS, KeyRange.prefix(KeyTuple.of(RUN)), 10)))
        .extracting(r -> r.value().reasonCode())
        .containsExactly("CONTRACT_INVALID:label_value", "MISSING_EVIDENCE_REFS", "RUN_SCOPE_MISMATCH");
    assertThat(await(platform.state().scan(LsTables.MISMATCHES, KeyRange.prefix(KeyTuple.of(RUN)), 10)))
        .extracting(r -> r.value().reasonCode())
        .containsExactlyInAnyOrder("PAYLOAD_HASH_MISMATCH", "DEDUPE_TUPLE_COLLISION");
    LedgerEntry stored = await(platform.state().get(LsTables.ASSERTIONS,
        new LsTables.LedgerKey(RUN, (String) label.get("label_assertion_id"))));
    assertThat(stored.payloadHash()).isEqualTo(label.get("payload_hash"));
    assertThat(stored.assertion()).containsEntry("label_value", "FRAUD_SUSPECTED");
    assertThat(results.get(0).getString("assertion_ref")).isEqualTo(stored.assertionRef())
        .isEqualTo("/v1/ops/state/tables/ls_label_assertions?key=" + RUN + "/" + label.get("label_assertion_id"));

    StreamPlatform.eventually(Duration.ofSeconds(30), "health AMBER with both lanes", () -> {
      Path f = labelStoreDir().resolve("health/last_health.json");
      return Files.isRegularFile(f) && "AMBER".equals(JsonFiles.read(f).get("health_state"));
    });
    Map<String, Object> health = JsonFiles.read(labelStoreDir().resolve("health/last_health.json"));
    assertThat(health.get("health_reasons")).isEqualTo(List.of("ANOMALIES_AMBER", "REJECTED_AMBER"));
  }

  @Test
  void shouldServeTheTimelineAndLabelsAsOfAnObservedTime() throws Exception {
    Map<String, Object> suspected = fraud("evt_1", "t1", "FRAUD_SUSPECTED", T1, T1);
    Map<String, Object> confirmed = fraud("evt_1", "t2", "FRAUD_CONFIRMED", T2, T3);
    Map<String, Object> legit = fraud("evt_1", "t3", "LEGIT_CONFIRMED", T2, T3);
    Map<String, Object> chargeback = LsSamples.assertion(RUN, "evt_1", "t4", "chargeback_status", "CHARGEBACK", T1,
        T2);
    Map<String, Object> otherEvent = fraud("evt_10", "t5", "FRAUD_SUSPECTED", T1, T1);
    assertThat(write(suspected, confirmed, chargeback, otherEvent)).allMatch(r -> r.getString("status")
        .equals("ACCEPTED"));

    JsonObject all = await(client.timeline(RUN, "evt_1", null));
    assertThat(all.getJsonArray("assertions").stream().map(a -> ((JsonObject) a).getString("label_value")).toList())
        .containsExactly("FRAUD_SUSPECTED", "CHARGEBACK", "FRAUD_CONFIRMED");
    assertThat(await(client.timeline(RUN, "evt_1", "chargeback_status")).getJsonArray("assertions")).hasSize(1);
    JsonObject first = await(client.timeline(RUN, "evt_1", "fraud_disposition")).getJsonArray("assertions")
        .getJsonObject(0);
    assertThat(first.getString("payload_hash")).isEqualTo(suspected.get("payload_hash"));
    assertThat(first.getString("assertion_ref")).contains((String) suspected.get("label_assertion_id"));

    JsonObject atT2 = await(client.asOf(RUN, "evt_1", "fraud_disposition", T2));
    assertThat(atT2.getString("status")).isEqualTo("RESOLVED");
    assertThat(atT2.getString("selected_label_value")).isEqualTo("FRAUD_SUSPECTED");
    assertThat(await(client.asOf(RUN, "evt_1", "fraud_disposition", T3)).getString("selected_label_value"))
        .isEqualTo("FRAUD_CONFIRMED");
    assertThat(await(client.asOf(RUN, "evt_1", "fraud_disposition", "2025-12-31T23:59:59.000000Z"))
        .getString("status")).isEqualTo("NOT_FOUND");
    assertThat(await(client.asOf(RUN, "evt_1", "account_takeover", T3)).getString("status")).isEqualTo("NOT_FOUND");

    write(legit);
    JsonObject conflict = await(client.asOf(RUN, "evt_1", "fraud_disposition", T3));
    assertThat(conflict.getString("status")).isEqualTo("CONFLICT");
    assertThat(conflict.getJsonArray("candidate_label_values").getList())
        .containsExactly("FRAUD_CONFIRMED", "LEGIT_CONFIRMED");
    JsonObject labels = await(client.asOf(RUN, "evt_1", null, T3)).getJsonObject("labels");
    assertThat(labels.fieldNames()).containsExactlyInAnyOrder("chargeback_status", "fraud_disposition");
    assertThat(labels.getJsonObject("chargeback_status").getString("status")).isEqualTo("RESOLVED");

    assertThat(await(client.asOf(RUN, "evt_1", null, "yesterday")).getString("code")).isEqualTo("INVALID_REQUEST");
    assertThat(await(client.timeline(OTHER_RUN, "evt_1", null)).getString("code")).isEqualTo("RUN_SCOPE_MISMATCH");
  }

  @Test
  void shouldKeepEverythingAcrossARestartAndPassItsCloseout() throws Exception {
    Map<String, Object> label = fraud("evt_1", "t1", "FRAUD_SUSPECTED", T1, T1);
    write(label);
    undeploy();
    Map<String, Object> metrics = JsonFiles.read(labelStoreDir().resolve("metrics/last_metrics.json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> exported = (Map<String, Object>) metrics.get("metrics");
    assertThat(exported).containsEntry("accepted", 1).containsEntry("rejected", 0)
        .containsEntry("timeline_rows", 1).containsEntry("write_batches", 1).doesNotContainKey("pending");

    deploy();
    assertThat(write(label)).extracting(LabelStoreContractTest::reason)
        .containsExactly("ACCEPTED ASSERTION_REPLAY_MATCH");
    assertThat(counters()).containsEntry("accepted", 1L).containsEntry("duplicate", 1L)
        .containsEntry("write_batches", 2L);
    assertThat(await(client.timeline(RUN, "evt_1", null)).getJsonArray("assertions")).hasSize(1);

    RunContext run = new RunContext(platform.runtime.vertx(), platform.runtime.substrate(),
        new RunOptions(20, "fraud", null, 0), Clock.systemUTC(), RUN);
    List<GateCheck> checks = await(LabelStore.closeout(run));
    assertThat(checks).extracting(GateCheck::name).containsExactly("ls_accepted", "ls_ledger_timeline_parity");
    assertThat(checks).allMatch(GateCheck::pass);
  }

  @Test
  void shouldCommitOneOfTwoConcurrentWritesOfTheSameAssertionAsNew() throws Exception {
    Map<String, Object> label = fraud("evt_1", "t1", "FRAUD_SUSPECTED", T1, T1);
    List<Future<JsonObject>> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writes.add(client.write(List.of(label)));
    }
    await(Future.all(writes));
    assertThat(writes).extracting(w -> w.result().getJsonArray("results").getJsonObject(0).getString("reason_code"))
        .containsExactlyInAnyOrder("ASSERTION_COMMITTED_NEW", "ASSERTION_REPLAY_MATCH", "ASSERTION_REPLAY_MATCH",
            "ASSERTION_REPLAY_MATCH");
    assertThat(counters()).containsEntry("accepted", 1L).containsEntry("duplicate", 3L);
  }

  @Test
  void shouldAcceptTheRetryOfAWriteWhoseAnswerWasLostAsAReplayNotASecondLabel() throws Exception {
    Map<String, Object> label = fraud("evt_1", "t1", "FRAUD_SUSPECTED", T1, T1);
    AtomicBoolean dropNextAnswer = new AtomicBoolean(true);
    // the batch commits, then its ACCEPTED answer is lost on the way back (as if the caller died or timed out)
    platform.runtime.vertx().eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().body() instanceof JsonObject b && b.containsKey("results")
          && dropNextAnswer.compareAndSet(true, false)) {
        return;
      }
      ctx.next();
    });

    Throwable lost = failure(new LabelStoreClient(platform.runtime.vertx(), 1_000).write(List.of(label)));
    assertThat(lost).isInstanceOf(ReplyException.class);
    assertThat(counters()).containsEntry("accepted", 1L);

    assertThat(write(label)).extracting(LabelStoreContractTest::reason)
        .containsExactly("ACCEPTED ASSERTION_REPLAY_MATCH");
    assertThat(counters()).containsEntry("accepted", 1L).containsEntry("duplicate", 1L)
        .containsEntry("timeline_rows", 1L);
  }

  @Test
  void shouldRefuseMalformedRequestsWithoutTouchingTheStore() throws Exception {
    Throwable notAList = failure(platform.runtime.vertx().eventBus().request(LabelStoreClient.WRITE_ADDRESS,
        new JsonObject().put("assertions", "x")));
    assertThat(notAList).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) notAList).failureCode()).isEqualTo(400);
    JsonObject badType = (JsonObject) await(platform.runtime.vertx().eventBus().request(
        LabelStoreClient.QUERY_ADDRESS, new JsonObject().put("query", "timeline").put("platform_run_id", RUN)
            .put("event_id", "evt_1").put("label_type", 7))).body();
    assertThat(badType.getString("code")).isEqualTo("INVALID_REQUEST");
    assertThat(await(client.timeline(RUN, "", null)).getString("detail")).isEqualTo("event_id is required");
    assertThat(counters()).isNull();
  }

  @Test
  void shouldRefuseASecondLabelStoreForTheRun() throws Exception {
    Throwable second = failure(platform.runtime.vertx().deployVerticle(
        new LabelStoreVerticle(platform.services, RUN)));
    assertThat(second).isInstanceOf(LeaseHeldException.class);
  }
}
