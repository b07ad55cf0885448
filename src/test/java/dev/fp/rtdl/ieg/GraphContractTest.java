package dev.fp.rtdl.ieg;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.query.GraphQueryClient;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ieg.core.GraphCounters;
import dev.fp.rtdl.ieg.core.GraphSamples;
import dev.fp.rtdl.ieg.core.GraphVersion;
import dev.fp.rtdl.ieg.store.GraphTables;
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
import static org.assertj.core.api.Assertions.assertThat;

/** The IEG verticle on a real substrate, with its query service on the event bus; each profile's test says which. */
abstract class GraphContractTest {
  /** Fresh per test: the parity tests share one kinesalite, whose topics keep every earlier test's records. */
  final String RUN = freshRunId();
  static final String OTHER_RUN = "platform_20260101T235959Z";
  static final String ENTITIES = "fp.bus.context.arrival_entities.v1";
  static final String ANCHORS = "fp.bus.context.flow_anchor.fraud.v1";
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  static final String T1 = "2026-01-01T00:00:01.000000Z";
  static final String T2 = "2026-01-01T00:00:02.000000Z";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String FAST = "components:\n  ieg:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n";

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();
  IegVerticle ieg;

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
    ieg = new IegVerticle(platform.services, RUN);
    deployments.add(await(platform.runtime.vertx().deployVerticle(ieg)));
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  Counters counters() {
    return ieg.shell().counters();
  }

  List<EbRef> publish(String topic, List<Map<String, Object>> envelopes) throws Exception {
    return platform.publish(topic, envelopes.stream().map(CanonicalJson::write).toArray(String[]::new));
  }

  /**
   * Parties 17 and 18 on arrivals 1 and 2 (flows 5001, 5002), party 17 again on arrival 3 (flow 5003): 2 parties,
   * 3 of every other entity type, 3 flows. Other-run records sit between them.
   */
  void publishWorld() throws Exception {
    publish(ENTITIES, List.of(GraphSamples.arrivalEntities(RUN, "e1", T1, 17, 1),
        GraphSamples.arrivalEntities(OTHER_RUN, "x1", T1, 99, 9),
        GraphSamples.arrivalEntities(RUN, "e2", T1, 18, 2), GraphSamples.arrivalEntities(RUN, "e3", T2, 17, 3)));
    publish(ANCHORS, List.of(GraphSamples.flowAnchor(RUN, "a1", T1, 5001, 17, 1),
        GraphSamples.flowAnchor(RUN, "a2", T1, 5002, 18, 2), GraphSamples.flowAnchor(RUN, "a3", T2, 5003, 17, 3)));
    publish(TRAFFIC, List.of(GraphSamples.traffic(RUN, "t1", T1, 5001), GraphSamples.traffic(OTHER_RUN, "x2", T1, 5001),
        GraphSamples.traffic(RUN, "t2", T1, 5002), GraphSamples.traffic(RUN, "t3", T2, 5003)));
  }

  static final int RUN_RECORDS = 9;

  JsonObject ask(JsonObject request) throws Exception {
    return await(new GraphQueryClient(platform.runtime.vertx(), RUN).request(request));
  }

  <K, V> List<KeyValue<K, V>> rows(Table<K, V> table) throws Exception {
    return await(platform.state().scan(table, KeyRange.prefix(GraphTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
  }

  GraphVersion committedVersion() throws Exception {
    Map<TopicPartition, String> offsets = new LinkedHashMap<>();
    await(platform.state().checkpoints(IdentityEntityGraph.groupId(RUN))).forEach((tp, cp) -> offsets.put(tp,
        cp.offset()));
    return GraphVersion.of(IdentityEntityGraph.groupId(RUN), platform.runtime.substrate().eventLog().offsetKind(),
        offsets);
  }

  @Test
  void shouldBuildTheGraphOfTheRunSkipOtherRunsAndWriteItsArtifacts() throws Exception {
    platform = open(dir, FAST);
    publishWorld();

    deploy();

    eventually(WITHIN, RUN_RECORDS + " events seen", () -> counters().get(GraphCounters.EVENTS_SEEN) == RUN_RECORDS);
    Counters c = counters();
    assertThat(c.get(GraphCounters.MUTATING_APPLIED)).isEqualTo(RUN_RECORDS);
    assertThat(GraphCounters.entitiesByType(c)).containsExactly(Map.entry("flow", 3L), Map.entry("merchant", 3L),
        Map.entry("party", 2L), Map.entry("account", 3L), Map.entry("instrument", 3L), Map.entry("device", 3L),
        Map.entry("ip", 3L), Map.entry("session", 3L));
    // Arrivals: party → 6 spokes each, party 17 twice over distinct spokes (18); anchors: flow → 6 each (18).
    assertThat(c.get(GraphCounters.EDGES_CREATED)).isEqualTo(36);
    assertThat(rows(GraphTables.EDGES)).hasSize(72);
    // At least the two other-run records published here (a shared kinesalite keeps earlier tests' records too).
    assertThat(c.get(ShellCounters.SKIPPED_OTHER_RUN)).isGreaterThanOrEqualTo(2)
        .isEqualTo(c.get(ShellCounters.RECORDS) - RUN_RECORDS);
    assertThat(c.get(GraphCounters.APPLY_FAILURES)).isZero();
    Path root = platform.services.config().platformRoot().resolve(RUN);
    GraphVersion version = committedVersion();
    eventually(WITHIN, "reconciliation at the committed graph version", () -> {
      Path f = root.resolve(GraphArtifacts.RECONCILIATION);
      return f.toFile().isFile() && version.versionId().equals(JsonFiles.read(f).get("graph_version"));
    });
    Map<String, Object> reconciliation = JsonFiles.read(root.resolve(GraphArtifacts.RECONCILIATION));
    assertThat(reconciliation.get("basis")).isEqualTo(JsonFiles.read(root.resolve(GraphArtifacts.RECONCILIATION))
        .get("basis"));
    assertThat((Map<String, Object>) cast(reconciliation.get("entities_by_type"))).containsEntry("party", 2)
        .containsEntry("flow", 3);
    assertThat(reconciliation.get("graph_version_hex32")).isEqualTo(version.hex32());
    Map<String, Object> health = JsonFiles.read(root.resolve("identity_entity_graph/health/last_health.json"));
    assertThat(health).containsEntry("health_state", "GREEN").containsEntry("integrity_status", "CLEAN");
    assertThat(ieg.shell().checkpoints().get(new TopicPartition(TRAFFIC, 0)))
        .isEqualTo(await(platform.state().checkpoints(IdentityEntityGraph.groupId(RUN)))
            .get(new TopicPartition(TRAFFIC, 0)).offset());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void shouldResolveIdentifiersAndListNeighboursOverTheEventBusAtTheCommittedGraphVersion() throws Exception {
    platform = open(dir, FAST);
    publishWorld();
    deploy();
    eventually(WITHIN, "caught up", () -> counters().get(GraphCounters.EVENTS_SEEN) == RUN_RECORDS);
    GraphVersion version = committedVersion();

    JsonObject resolved = await(new GraphQueryClient(platform.runtime.vertx(), RUN).resolve(List.of(
        Map.of("identifier_type", "party_id", "identifier_value", "17"),
        Map.of("identifier_type", "device_id", "identifier_value", "999"))));

    assertThat(resolved.getString("status")).isEqualTo("OK");
    assertThat(resolved.getString("graph_version")).isEqualTo(version.versionId());
    assertThat(resolved.getString("graph_version_hex32")).isEqualTo(version.hex32());
    JsonArray results = resolved.getJsonArray("results");
    JsonObject party = results.getJsonObject(0);
    assertThat(party.getBoolean("conflict")).isFalse();
    JsonObject entity = party.getJsonArray("entities").getJsonObject(0);
    String partyId = entity.getString("entity_id");
    assertThat(entity.getString("entity_type")).isEqualTo("party");
    assertThat(entity.getString("first_seen_ts_utc")).isEqualTo(T1);
    assertThat(entity.getString("last_seen_ts_utc")).isEqualTo(T2);
    assertThat(results.getJsonObject(1).getJsonArray("entities")).isEmpty();

    JsonObject all = await(new GraphQueryClient(platform.runtime.vertx(), RUN).neighbours(List.of(partyId), null,
        100));
    JsonObject n = all.getJsonArray("results").getJsonObject(0);
    assertThat(n.getBoolean("found")).isTrue();
    assertThat(n.getBoolean("truncated")).isFalse();
    // Party 17: 2 × (account, instrument, device, ip, session, merchant) from its arrivals + 2 flows.
    assertThat(n.getJsonArray("neighbours")).hasSize(14);
    assertThat(all.getString("graph_version")).isEqualTo(version.versionId());

    JsonObject flows = await(new GraphQueryClient(platform.runtime.vertx(), RUN).neighbours(List.of(partyId), "flow",
        1));
    JsonObject f = flows.getJsonArray("results").getJsonObject(0);
    assertThat(f.getJsonArray("neighbours")).hasSize(1);
    assertThat(f.getBoolean("truncated")).isTrue();
    JsonObject flow = f.getJsonArray("neighbours").getJsonObject(0);
    assertThat(flow.getString("entity_type")).isEqualTo("flow");
    assertThat(List.of("5001", "5003")).contains(flow.getString("identifier_value"));

    JsonObject unknown = await(new GraphQueryClient(platform.runtime.vertx(), RUN).neighbours(List.of("f".repeat(64)),
        null, 10)).getJsonArray("results").getJsonObject(0);
    assertThat(unknown.getBoolean("found")).isFalse();
    assertThat(unknown.getJsonArray("neighbours")).isEmpty();
  }

  @Test
  void shouldAnswerAnInvalidRequestWithANonRetryableError() throws Exception {
    platform = open(dir, FAST);
    deploy();

    JsonObject noOp = ask(new JsonObject().put("request_id", "r1").put("entity_ids", new JsonArray().add("x")));
    JsonObject badLimit = ask(new JsonObject().put("op", "neighbours").put("entity_ids", new JsonArray().add("x"))
        .put("limit", 0));
    JsonObject noKeys = ask(new JsonObject().put("op", "resolve").put("identifiers", new JsonArray()));

    assertThat(noOp.getMap()).containsEntry("status", "ERROR").containsEntry("code", "INVALID_REQUEST")
        .containsEntry("retryable", false).containsEntry("request_id", "r1");
    assertThat(badLimit.getString("code")).isEqualTo("INVALID_REQUEST");
    assertThat(badLimit.getString("detail")).contains("limit");
    assertThat(noKeys.getString("code")).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void shouldChangeNothingWhenTheTopicsAreReplayedFromTrimHorizon() throws Exception {
    platform = open(dir, FAST);
    publishWorld();
    deploy();
    eventually(WITHIN, "caught up", () -> counters().get(GraphCounters.EVENTS_SEEN) == RUN_RECORDS);
    var entities = rows(GraphTables.ENTITIES);
    var edges = rows(GraphTables.EDGES);
    var identifiers = rows(GraphTables.IDENTIFIERS);
    var dedupe = rows(GraphTables.DEDUPE);
    undeploy();
    // A checkpoint of another offset kind makes the shell start each partition over from trim_horizon.
    WriteBatch reset = new WriteBatch();
    for (String topic : IdentityEntityGraph.TOPICS) {
      reset.checkpoint(IdentityEntityGraph.groupId(RUN), new TopicPartition(topic, 0), "0", "replayed_kind");
    }
    await(platform.state().commit(reset));

    deploy();

    eventually(WITHIN, RUN_RECORDS + " duplicates", () -> counters().get(GraphCounters.DUPLICATE) == RUN_RECORDS);
    Counters c = counters();
    assertThat(c.get(GraphCounters.MUTATING_APPLIED)).isEqualTo(RUN_RECORDS);
    assertThat(c.get(GraphCounters.ENTITIES_CREATED)).isEqualTo(23);
    assertThat(c.get(GraphCounters.EDGES_CREATED)).isEqualTo(36);
    assertThat(c.get(GraphCounters.EVENTS_SEEN)).isEqualTo(2 * RUN_RECORDS);
    assertThat(rows(GraphTables.ENTITIES)).isEqualTo(entities);
    assertThat(rows(GraphTables.EDGES)).isEqualTo(edges);
    assertThat(rows(GraphTables.IDENTIFIERS)).isEqualTo(identifiers);
    assertThat(rows(GraphTables.DEDUPE)).isEqualTo(dedupe);
  }

  @Test
  void shouldAnswerEachQueryWithRowsOfExactlyTheGraphVersionItCitesWhileTheGraphGrows() throws Exception {
    platform = open(dir, FAST + "    read_batch_max: 20\n");
    int n = 600;
    List<Map<String, Object>> arrivals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      arrivals.add(GraphSamples.arrivalEntities(RUN, "e" + i, T1, 100_000 + i, i));
    }
    List<EbRef> refs = publish(ENTITIES, arrivals);
    deploy();

    int answered = 0;
    int moving = 0;
    for (int q = 0; counters().get(GraphCounters.EVENTS_SEEN) < n || q < 20; q++) {
      int k = (q * 7919) % n;
      JsonObject a = await(new GraphQueryClient(platform.runtime.vertx(), RUN).resolve(List.of(
          Map.of("identifier_type", "party_id", "identifier_value", String.valueOf(100_000 + k)))));
      if ("ERROR".equals(a.getString("status"))) {
        assertThat(a.getString("code")).isEqualTo("UNAVAILABLE");
        moving++;
        continue;
      }
      JsonObject topic = a.getJsonObject("basis").getJsonObject("topics").getJsonObject(ENTITIES);
      java.math.BigInteger committed = topic == null ? java.math.BigInteger.ONE.negate()
          : new java.math.BigInteger(topic.getJsonObject("partitions").getJsonObject("0").getString("next_offset"));
      boolean applied = new java.math.BigInteger(refs.get(k).offset()).compareTo(committed) <= 0;
      boolean found = !a.getJsonArray("results").getJsonObject(0).getJsonArray("entities").isEmpty();
      assertThat(found).as("party of record %d (offset %s) at basis offset %s", k, refs.get(k).offset(), committed)
          .isEqualTo(applied);
      answered++;
    }
    assertThat(answered).isGreaterThanOrEqualTo(20);
    assertThat(moving).isLessThan(answered);
  }
}
