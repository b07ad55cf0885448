package dev.fp.rtdl.csfb;

import dev.fp.config.ConfigNode;
import dev.fp.contract.CanonicalJson;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.query.FlowBindingQueryClient;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.csfb.core.CsfbCounters;
import dev.fp.rtdl.csfb.core.CsfbSamples;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.platform.stream.StreamPlatform.await;
import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.rtdl.csfb.core.CsfbSamples.ANCHORS;
import static dev.fp.rtdl.csfb.core.CsfbSamples.ARRIVALS;
import static dev.fp.rtdl.csfb.core.CsfbSamples.ENTITIES;
import static dev.fp.rtdl.csfb.core.CsfbSamples.anchor;
import static dev.fp.rtdl.csfb.core.CsfbSamples.arrival;
import static dev.fp.rtdl.csfb.core.CsfbSamples.entities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSFB verticle and its query service on a real substrate; each profile's test says which one. */
abstract class CsfbContractTest {
  /** Fresh per test: the parity tests share one kinesalite, whose topics keep every earlier test's records. */
  final String RUN = freshRunId();
  static final String OTHER_RUN = "platform_20260101T235959Z";
  static final String T1 = "2026-01-01T04:24:35.076303Z";
  static final String T2 = "2026-01-01T08:03:29.902524Z";
  static final String T3 = "2026-01-01T10:17:45.090508Z";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String FAST = "components:\n  csfb:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n";

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();
  CsfbVerticle csfb;

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  static String freshRunId() {
    java.time.Instant at = java.time.Instant.parse("2026-01-02T00:00:00Z")
        .plusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 300L * 86_400));
    return "platform_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(platform.runtime.vertx().undeploy(d));
    }
    platform.close();
  }

  void deploy() throws Exception {
    csfb = new CsfbVerticle(platform.services, RUN,
        CsfbConfig.from(platform.services.config().components().section("csfb")));
    deployments.add(await(platform.runtime.vertx().deployVerticle(csfb)));
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  Counters counters() {
    return csfb.shell().counters();
  }

  List<EbRef> publish(String topic, List<Map<String, Object>> envelopes) throws Exception {
    return platform.publish(topic, envelopes.stream().map(CanonicalJson::write).toArray(String[]::new));
  }

  static Map<String, Object> pins(String run) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("platform_run_id", run);
    p.put("scenario_run_id", CsfbSamples.SCENARIO_RUN_ID);
    p.put("manifest_fingerprint", CsfbSamples.MF);
    p.put("parameter_hash", CsfbSamples.PH);
    p.put("scenario_id", "baseline_v1");
    p.put("seed", 42);
    p.put("run_id", "d".repeat(32));
    return p;
  }

  FlowBindingQueryClient client() {
    return new FlowBindingQueryClient(platform.runtime.vertx(), RUN);
  }

  Path runFile(String relative) {
    return platform.services.config().platformRoot().resolve(RUN).resolve(relative);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> reconciliationMisses() {
    Path file = runFile(CsfbArtifacts.RECONCILIATION);
    return file.toFile().isFile() ? (Map<String, Object>) JsonFiles.read(file).get("join_misses") : Map.of();
  }

  static List<String> statuses(JsonObject answer) {
    List<String> out = new ArrayList<>();
    assertThat(answer.getJsonArray("results")).as(answer.encode()).isNotNull();
    answer.getJsonArray("results").forEach(r -> out.add(((JsonObject) r).getString("status") + "/"
        + ((JsonObject) r).getJsonArray("reason_codes").getString(0)));
    return out;
  }

  /** Two joined flows (one with entities), one anchor whose arrival was not streamed, and another run's record. */
  List<EbRef> publishTwoJoinedAndOneAtTheEdge() throws Exception {
    List<EbRef> arrivals = publish(ARRIVALS, List.of(arrival(RUN, 7, 1, T1), arrival(OTHER_RUN, 7, 1, T1),
        arrival(RUN, 7, 2, T2)));
    publish(ENTITIES, List.of(entities(RUN, 7, 1, T1)));
    publish(ANCHORS, List.of(anchor(RUN, 900, 7, 1, T1), anchor(RUN, 901, 7, 2, T2), anchor(RUN, 902, 8, 1, T3)));
    return arrivals;
  }

  @Test
  void shouldJoinTheRunsContextAndAnswerEveryQueryStatusFromCommittedState() throws Exception {
    platform = open(dir, FAST);
    List<EbRef> arrivals = publishTwoJoinedAndOneAtTheEdge();

    deploy();

    // all six applied (the entities record may land after the hits are counted: topics are read in parallel)
    eventually(WITHIN, "6 applied: 2 hits, 1 miss", () -> counters().get(CsfbCounters.APPLIED) == 6
        && counters().get(CsfbCounters.JOIN_HITS) == 2 && counters().get(CsfbCounters.JOIN_MISSES) == 1);
    assertThat(counters().values()).containsEntry(CsfbCounters.APPLIED, 6L)
        .containsEntry(CsfbCounters.APPLY_FAILURES, 0L);
    // Parity's kinesalite keeps earlier tests' runs on the same topics: at least this test's other-run record.
    assertThat(counters().get("stream_skipped_other_run_total")).isGreaterThanOrEqualTo(1L);

    JsonObject resolved = await(client().resolveFlowBindings("r1", pins(RUN), List.of(900, "901", 902, 999, "x")));
    assertThat(resolved.getString("status")).isEqualTo("OK");
    assertThat(resolved.getString("request_id")).isEqualTo("r1");
    assertThat(statuses(resolved)).containsExactly("READY/READY", "READY/READY",
        "MISSING_JOIN_FRAME/JOIN_FRAME_INCOMPLETE", "MISSING_BINDING/FLOW_BINDING_NOT_FOUND",
        "INVALID_REQUEST/FLOW_ID_INVALID");
    JsonObject ready = resolved.getJsonArray("results").getJsonObject(0);
    assertThat(ready.getString("flow_id")).isEqualTo("900");
    assertThat(ready.getJsonObject("context_refs").getJsonObject("arrival_events").getMap()).isEqualTo(Map.of(
        "topic", ARRIVALS, "partition", 0, "offset", arrivals.get(0).offset(), "offset_kind",
        arrivals.get(0).offsetKind()));
    assertThat(ready.getJsonObject("context_refs").getJsonObject("arrival_entities")).isNotNull();
    assertThat(resolved.getJsonArray("results").getJsonObject(1).getJsonObject("context_refs")
        .getValue("arrival_entities")).isNull();
    assertThat(ready.getJsonArray("evidence_refs").stream().map(e -> ((JsonObject) e).getString("kind")).toList())
        .containsExactly("flow_binding_source_event", "join_frame_source_event", "join_checkpoint");
    assertThat(ready.getJsonObject("flow_binding").getJsonObject("join_frame_key").getMap())
        .containsEntry("merchant_id", "7").containsEntry("arrival_seq", 1L);
    JsonObject basis = resolved.getJsonObject("basis");
    assertThat(basis.getString("stream_id")).isEqualTo("csfb.v0::" + RUN);
    assertThat(basis.getJsonArray("checkpoints").size()).isEqualTo(3);
    assertThat(basis.getString("basis_digest")).hasSize(64);

    Map<String, Object> otherSeed = pins(RUN);
    otherSeed.put("seed", 43);
    assertThat(statuses(await(client().resolveFlowBindings("r2", otherSeed, List.of(900)))))
        .containsExactly("CONFLICT/PINS_MISMATCH");
    Map<String, Object> badPins = pins(RUN);
    badPins.put("scenario_run_id", "not-hex");
    JsonObject invalid = await(client().resolveFlowBindings("r3", badPins, List.of(900)));
    assertThat(invalid.getString("status")).isEqualTo("INVALID_REQUEST");
    assertThat(invalid.getJsonArray("reason_codes").getList()).containsExactly("PINS_INVALID");

    JsonObject frames = await(client().fetchJoinFrames("r4", pins(RUN), List.of(
        Map.of("merchant_id", 7, "arrival_seq", 1), Map.of("merchant_id", "9", "arrival_seq", 9))));
    assertThat(statuses(frames)).containsExactly("READY/READY", "MISSING_JOIN_FRAME/JOIN_FRAME_NOT_FOUND");
    assertThat(frames.getJsonArray("results").getJsonObject(0).getJsonObject("join_frame")
        .getBoolean("context_complete")).isTrue();

    JsonObject malformed = await(platform.runtime.vertx().eventBus()
        .<JsonObject>request(FlowBindingQueryClient.address(RUN), "flow 900 please")).body();
    assertThat(malformed.getMap()).containsEntry("status", "ERROR").containsEntry("code", "REQUEST_MALFORMED")
        .containsEntry("retryable", false);

    eventually(WITHIN, "reconciliation surveyed the arrival watermark",
        () -> T2.equals(reconciliationMisses().get("arrival_watermark_utc")));
    assertThat(reconciliationMisses()).containsEntry("overdue", 0).containsEntry("at_stream_edge", 1);
    assertThat(JsonFiles.read(runFile("context_store_flow_binding/health/last_health.json")))
        .containsEntry("health_state", "GREEN");
  }

  static Long asLong(Object v) {
    return v instanceof Number n ? n.longValue() : null;
  }

  @Test
  void shouldGradeABindingTheArrivalStreamHasPassedAsAnOverdueMiss() throws Exception {
    platform = open(dir, FAST);
    publish(ANCHORS, List.of(anchor(RUN, 900, 7, 1, T1)));
    publish(ARRIVALS, List.of(arrival(RUN, 8, 1, T3)));

    deploy();

    Path health = runFile("context_store_flow_binding/health/last_health.json");
    eventually(WITHIN, "health AMBER for the overdue miss", () -> health.toFile().isFile()
        && "AMBER".equals(JsonFiles.read(health).get("health_state")));
    assertThat(JsonFiles.read(health).get("health_reasons")).isEqualTo(List.of("JOIN_MISSES_AMBER"));
    eventually(WITHIN, "reconciliation: 1 overdue miss", () -> Long.valueOf(1).equals(
        asLong(reconciliationMisses().get("overdue"))));
    assertThat(reconciliationMisses()).containsEntry("at_stream_edge", 0).containsEntry("arrival_watermark_utc", T3);
  }

  @Test
  void shouldChangeNothingWhenTheTopicsAreReplayedFromTrimHorizon() throws Exception {
    platform = open(dir, FAST);
    publishTwoJoinedAndOneAtTheEdge();
    deploy();
    eventually(WITHIN, "6 applied", () -> counters().get(CsfbCounters.APPLIED) == 6);
    Map<String, List<?>> before = state();
    Counters countersBefore = counters();
    undeploy();
    // A checkpoint of another offset kind makes the shell start the partition over from trim_horizon.
    WriteBatch reset = new WriteBatch();
    for (String topic : ContextStoreFlowBinding.TOPICS) {
      reset.checkpoint("csfb.v0::" + RUN, new TopicPartition(topic, 0), "0", "replayed_kind");
    }
    await(platform.state().commit(reset));

    deploy();

    eventually(WITHIN, "6 duplicates", () -> counters().get(CsfbCounters.DUPLICATES) == 6);
    assertThat(state()).isEqualTo(before);
    for (String n : List.of(CsfbCounters.APPLIED, CsfbCounters.JOIN_HITS, CsfbCounters.JOIN_MISSES,
        CsfbCounters.BINDINGS, CsfbCounters.FRAMES, CsfbCounters.APPLY_FAILURES)) {
      assertThat(counters().get(n)).as(n).isEqualTo(countersBefore.get(n));
    }
  }

  @Test
  void shouldRestoreCountersAndStateAfterARestartAndGoOnFromTheCheckpoint() throws Exception {
    platform = open(dir, FAST);
    publish(ARRIVALS, List.of(arrival(RUN, 7, 1, T1)));
    publish(ANCHORS, List.of(anchor(RUN, 900, 7, 1, T1)));
    deploy();
    eventually(WITHIN, "1 hit", () -> counters().get(CsfbCounters.JOIN_HITS) == 1);
    undeploy();
    publish(ANCHORS, List.of(anchor(RUN, 901, 7, 2, T2)));
    publish(ARRIVALS, List.of(arrival(RUN, 7, 2, T2)));

    deploy();

    eventually(WITHIN, "2 hits", () -> counters().get(CsfbCounters.JOIN_HITS) == 2);
    assertThat(counters().values()).containsEntry(CsfbCounters.APPLIED, 4L).containsEntry(CsfbCounters.DUPLICATES, 0L)
        .containsEntry(CsfbCounters.JOIN_MISSES, 0L).containsEntry(CsfbCounters.BINDINGS, 2L);
  }

  @Test
  void shouldStopAnsweringWhenStopped() throws Exception {
    platform = open(dir, FAST);
    deploy();
    undeploy();

    assertThatThrownBy(() -> await(client().resolveFlowBindings("r", pins(RUN), List.of(900))))
        .hasMessageContaining("No handlers");
  }

  @Test
  void shouldRefuseUnknownConfigurationKeys() throws Exception {
    platform = open(dir, "components:\n  csfb:\n    join_mises_red: 3\n");
    ConfigNode n = platform.services.config().components().section("csfb");
    assertThatThrownBy(() -> CsfbConfig.from(n)).hasMessageContaining("join_mises_red");
  }

  /** Every CSFB row of this run, table by table. */
  Map<String, List<?>> state() throws Exception {
    Map<String, List<?>> out = new LinkedHashMap<>();
    for (Table<?, ?> t : CsfbTables.ALL) {
      out.put(t.name(), rows(t));
    }
    return out;
  }

  private <K, V> List<String> rows(Table<K, V> t) throws Exception {
    List<KeyValue<K, V>> kvs = await(platform.state().scan(t, KeyRange.prefix(CsfbTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
    return kvs.stream().map(kv -> kv.key() + "=" + kv.value()).toList();
  }
}
