package dev.fp.rtdl.ofp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.query.FeatureQueryClient;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ofp.core.OfpCounters;
import dev.fp.rtdl.ofp.core.OfpSamples;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
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
import static org.assertj.core.api.Assertions.assertThat;

/** The OFP verticle on a real substrate (each profile's test says which), and get_features over the event bus. */
abstract class OfpContractTest {
  final String RUN = freshRunId();
  static final String OTHER_RUN = "platform_20260101T235959Z";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String FAST = "components:\n  ofp:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n"
      + "    join_wait_budget_ms: 300\n";

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();
  OnlineFeaturePlaneVerticle ofp;

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  /** The platform with the shipped feature policy in its profile folder. */
  StreamPlatform start(String components) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("ofp"));
    java.nio.file.Files.copy(Path.of("conf/ofp/features.yaml"), dir.resolve("ofp/features.yaml"));
    return open(dir, components);
  }

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
    ofp = new OnlineFeaturePlaneVerticle(platform.services, RUN);
    deployments.add(await(platform.runtime.vertx().deployVerticle(ofp)));
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  Counters counters() {
    return ofp.shell().counters();
  }

  /** Flows 1..n of run {@code run}: anchor (party 100 + flow % 2, device 500, merchant 9000 + flow) and traffic. */
  void publishFlows(String run, int from, int to, boolean anchors) throws Exception {
    List<String> a = new ArrayList<>();
    List<String> t = new ArrayList<>();
    for (int f = from; f <= to; f++) {
      String ts = String.format("2026-01-01T10:%02d:00.000000Z", f);
      a.add(CanonicalJson.write(OfpSamples.anchor(run, run + "-a" + f, f, 100 + f % 2, 500, 9000 + f, ts)));
      t.add(CanonicalJson.write(OfpSamples.traffic(run, run + "-q" + f, f, "AUTH_REQUEST", ts, f)));
      t.add(CanonicalJson.write(OfpSamples.traffic(run, run + "-r" + f, f, "AUTH_RESPONSE", ts, f)));
    }
    if (anchors) {
      platform.publish(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, a.toArray(String[]::new));
    }
    platform.publish(Topics.TRAFFIC_FRAUD, t.toArray(String[]::new));
  }

  JsonObject query(Map<String, Object> request) throws Exception {
    return await(new FeatureQueryClient(platform.runtime.vertx()).getFeatures(RUN, new JsonObject(request)));
  }

  Map<String, Object> request(String asOf, List<Map<String, Object>> keys, List<Map<String, Object>> groups) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("request_id", "req-1");
    r.put("pins", Map.of("platform_run_id", RUN, "scenario_run_id", "c".repeat(32)));
    r.put("as_of_time_utc", asOf);
    r.put("feature_keys", keys);
    r.put("feature_groups", groups);
    return r;
  }

  static Map<String, Object> key(String type, String id) {
    return Map.of("key_type", type, "key_id", id);
  }

  static Map<String, Object> group(String name, String version) {
    return Map.of("name", name, "version", version);
  }

  <K, V> List<String> rows(Table<K, V> table) throws Exception {
    List<KeyValue<K, V>> found = await(platform.state().scan(table, KeyRange.prefix(OfpTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
    return found.stream().map(kv -> kv.key() + "=" + dev.fp.contract.Json.write(kv.value())).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldProjectTheRunSkipOtherRunsAndAnswerGetFeaturesFromCommittedState() throws Exception {
    platform = start(FAST);
    publishFlows(RUN, 1, 3, true);
    publishFlows(OTHER_RUN, 1, 2, true);
    deploy();

    // On parity the topics also hold earlier tests' records (other runs): only this run's are counted exactly.
    eventually(WITHIN, "6 applied, 6 of the other run skipped", () -> counters().get(OfpCounters.APPLIED) == 6
        && counters().get(ShellCounters.SKIPPED_OTHER_RUN) >= 6);
    assertThat(counters().get(OfpCounters.SEEN)).isEqualTo(6);
    assertThat(counters().get(OfpCounters.ANCHORS_APPLIED)).isEqualTo(3);
    assertThat(counters().get(OfpCounters.ANCHOR_MISSING)).isZero();

    Map<String, Object> req = request("2026-01-01T10:03:00.000000Z",
        List.of(key("flow_id", "1"), key("party_id", "101"), key("party_id", "999")),
        List.of(group("core_features", "v1"), group("party_features", "v1"), group("nope", "v9")));
    JsonObject answer = query(req);

    assertThat(answer.getString("status")).isEqualTo("OK");
    assertThat(answer.getString("request_id")).isEqualTo("req-1");
    Map<String, Object> snapshot = (Map<String, Object>) dev.fp.contract.Json.readObject(answer.encode()).get("snapshot");
    Map<String, Object> features = (Map<String, Object>) snapshot.get("features");
    assertThat(features).containsOnlyKeys("flow_id:1", "party_id:101");
    assertThat((Map<String, Object>) ((Map<String, Object>) features.get("flow_id:1")).get("core_features"))
        .containsEntry("event_count", 2).containsEntry("amount_sum", 1.0)
        .containsEntry("last_event_ts_utc", "2026-01-01T10:01:00.000000Z");
    // party 101 has flows 1 and 3 (amounts 1 and 3) at 10:01 and 10:03
    assertThat((Map<String, Object>) ((Map<String, Object>) features.get("party_id:101")).get("party_features"))
        .containsEntry("count_1h", 2).containsEntry("amount_sum_1h", 4.0).containsEntry("amount_mean_1h", 2.0)
        .containsEntry("distinct_merchant_id_24h", 2);
    Map<String, Object> freshness = (Map<String, Object>) snapshot.get("freshness");
    assertThat(freshness).containsEntry("state", "RED")
        .containsEntry("flags", List.of("MISSING_FEATURE_GROUP", "MISSING_FEATURE_STATE"))
        .containsEntry("missing_keys", List.of("party_id:999"))
        .containsEntry("missing_groups", List.of(Map.of("name", "nope", "version", "v9")));
    Map<String, Object> basis = (Map<String, Object>) snapshot.get("eb_offset_basis");
    assertThat(basis).containsEntry("window_end_utc", "2026-01-01T10:03:00.000000Z");
    assertThat((List<Object>) basis.get("offsets")).hasSize(2);
    // the basis alone (what DF reads before it asks): the same committed offsets, no rows read, nothing counted
    JsonObject applied = await(new FeatureQueryClient(platform.runtime.vertx()).basis(RUN));
    assertThat(applied.getString("status")).isEqualTo("OK");
    assertThat(applied.getJsonArray("offsets").getList()).hasSize(2);
    for (Object o : (List<Object>) basis.get("offsets")) {
      Map<String, Object> m = (Map<String, Object>) o;
      assertThat(applied.getJsonArray("offsets").stream().map(JsonObject.class::cast)
          .filter(a -> a.getString("topic").equals(m.get("topic")) && a.getInteger("partition").equals(m.get("partition")))
          .map(a -> a.getString("offset")).toList()).containsExactly(String.valueOf(m.get("offset")));
    }
    assertThat(query(req).getJsonObject("snapshot").getString("snapshot_hash"))
        .isEqualTo(snapshot.get("snapshot_hash")).hasSize(64);

    Map<String, Object> later = request("2026-01-01T12:00:00.000000Z", List.of(key("flow_id", "2")),
        List.of(group("core_features", "v1")));
    assertThat(query(later).getJsonObject("snapshot").getJsonObject("freshness").getJsonArray("flags").getList())
        .containsExactly("STALE_INPUT_BASIS");

    Map<String, Object> noPins = request("2026-01-01T10:30:00.000000Z", List.of(key("flow_id", "1")),
        List.of(group("core_features", "v1")));
    noPins.remove("pins");
    JsonObject refused = query(noPins);
    assertThat(refused.getString("status")).isEqualTo("ERROR");
    assertThat(refused.getString("code")).isEqualTo("MISSING_PINS");
    assertThat(refused.getBoolean("retryable")).isFalse();

    Path health = platform.services.config().platformRoot().resolve(RUN)
        .resolve("online_feature_plane/health/last_health.json");
    Path reconciliationFile = platform.services.config().platformRoot().resolve(RUN)
        .resolve(OfpArtifacts.RECONCILIATION);
    // the artifacts are written one file after the other: wait for the reconciliation file too
    eventually(WITHIN, "health GREEN with 6 applied, reconciliation written", () -> health.toFile().isFile()
        && "GREEN".equals(JsonFiles.read(health).get("health_state"))
        && ((Map<String, Object>) JsonFiles.read(health).get("metrics")).get("events_applied").equals(6)
        && reconciliationFile.toFile().isFile());
    Map<String, Object> reconciliation = JsonFiles.read(reconciliationFile);
    assertThat((Map<String, Object>) reconciliation.get("checks")).containsEntry("traffic_accounted", true);
  }

  @Test
  void shouldApplyTrafficWithoutAnAnchorOnceItsBudgetIsSpent() throws Exception {
    platform = start(FAST);
    publishFlows(RUN, 1, 2, false);
    deploy();

    eventually(WITHIN, "4 applied", () -> counters().get(OfpCounters.APPLIED) == 4);
    assertThat(counters().get(OfpCounters.ANCHOR_MISSING)).isEqualTo(4);
    assertThat(ofp.shell().checkpoints().get(new TopicPartition(Topics.TRAFFIC_FRAUD, 0))).isNotNull();
  }

  @Test
  void shouldReachTheSameStateAndCountersAfterARestartAndChangeNothingOnAReplayFromTrimHorizon()
      throws Exception {
    platform = start(FAST);
    publishFlows(RUN, 1, 4, true);
    deploy();
    eventually(WITHIN, "8 applied", () -> counters().get(OfpCounters.APPLIED) == 8);
    undeploy();
    publishFlows(RUN, 5, 8, true);
    deploy();
    eventually(WITHIN, "16 applied", () -> counters().get(OfpCounters.APPLIED) == 16
        && counters().get(OfpCounters.ANCHORS_APPLIED) == 8);
    assertThat(counters().get(OfpCounters.SEEN)).isEqualTo(16);
    assertThat(counters().get(OfpCounters.DUPLICATES)).isZero();
    List<String> features = rows(OfpTables.FEATURES);
    List<String> flows = rows(OfpTables.FLOWS);
    assertThat(flows).hasSize(8);
    undeploy();

    WriteBatch reset = new WriteBatch();
    for (String topic : OnlineFeaturePlane.TOPICS) {
      reset.checkpoint("ofp.v0::" + RUN, new TopicPartition(topic, 0), "0", "replayed_kind");
    }
    await(platform.state().commit(reset));
    deploy();

    eventually(WITHIN, "16 duplicates", () -> counters().get(OfpCounters.DUPLICATES) == 16
        && counters().get(OfpCounters.ANCHOR_DUPLICATES) == 8);
    assertThat(counters().get(OfpCounters.APPLIED)).isEqualTo(16);
    assertThat(counters().get(OfpCounters.MISMATCH)).isZero();
    assertThat(rows(OfpTables.FEATURES)).isEqualTo(features);
    assertThat(rows(OfpTables.FLOWS)).isEqualTo(flows);
  }
}
