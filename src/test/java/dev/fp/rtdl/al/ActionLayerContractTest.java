package dev.fp.rtdl.al;

import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.al.core.OutcomePublish;
import dev.fp.rtdl.al.store.AlTables;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Action Layer between a real IG and the real log: intents admitted by DF through IG reach AL, whose outcomes go
 * back through IG onto {@code fp.bus.rtdl.v1} exactly once — also when the process dies between IG's answer and the
 * commit. Each profile's test says which substrate.
 */
abstract class ActionLayerContractTest {
  static final String RUN = AlSamples.RUN;
  static final String RTDL = "fp.bus.rtdl.v1";
  static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  PlatformRuntime runtime;
  final List<String> deployments = new ArrayList<>();
  ActionLayerVerticle al;

  /** The {@code substrate:} section (YAML) of the profile under test, "" for embedded. */
  abstract String substrate();

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(runtime.vertx().undeploy(d));
    }
    await(runtime.shutdown());
  }

  void start() throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), dir.resolve("policies").resolve(p));
    }
    Files.createDirectories(dir.resolve("al"));
    Files.copy(Path.of("conf/al/policy_v0.yaml"), dir.resolve("al/policy_v0.yaml"));
    Files.writeString(dir.resolve("keys.txt"), String.join("\n",
        "k-df principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        "k-al principal=SYSTEM::action_layer classes=rtdl_action_outcome") + "\n");
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n" + substrate()
        + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  al:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    deployments.add(await(runtime.vertx().deployVerticle(new IgVerticle(runtime.services()))));
  }

  void deployAl(UnaryOperator<EffectRunner<OutcomePublish>> decorate) throws Exception {
    al = new ActionLayerVerticle(runtime.services(), RUN,
        AlConfig.from(runtime.services().config().components().section("al")), decorate);
    deployments.add(await(runtime.vertx().deployVerticle(al)));
  }

  /** DF's side: {@code n} intents admitted through IG, kinds cycling ALLOW, STEP_UP, QUEUE_REVIEW. */
  void admitIntents(int n) throws Exception {
    List<Map<String, Object>> intents = new ArrayList<>();
    String[] kinds = {"ALLOW", "STEP_UP", "QUEUE_REVIEW"};
    for (int i = 0; i < n; i++) {
      intents.add(AlSamples.intent(RUN, AlSamples.decisionId(i), kinds[i % 3], "k-" + i));
    }
    JsonObject answer = await(new IgAdmissionClient(runtime.vertx(), "SYSTEM::decision_fabric").admitBatch(intents));
    assertThat(answer.getJsonArray("results")).hasSize(n)
        .allMatch(r -> "ADMIT".equals(((JsonObject) r).getString("decision")));
  }

  Counters counters() {
    return al.shell().counters();
  }

  List<Map<String, Object>> rtdl(String eventType) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    int partitions = await(runtime.substrate().eventLog().partitions(RTDL));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      while (true) {
        ReadBatch b = await(runtime.substrate().eventLog().read(RTDL, p, from, 1000));
        for (LogRecord r : b.records()) {
          Map<String, Object> e = Json.readObject(r.data());
          if (eventType.equals(e.get("event_type"))) {
            out.add(e);
          }
        }
        if (b.records().isEmpty()) {
          break;
        }
        from = b.next();
      }
    }
    return out;
  }

  @Test
  void shouldPublishExactlyOneOutcomePerIntentThroughIg() throws Exception {
    start();
    deployAl(UnaryOperator.identity());
    admitIntents(30);
    eventually(WITHIN, "30 outcomes admitted", () -> counters().get(AlCounters.PUBLISH_ADMIT) == 30);
    assertThat(counters().get(AlCounters.INTAKE)).isEqualTo(30);
    assertThat(counters().get(AlCounters.EXECUTED) + counters().get(AlCounters.DENIED)
        + counters().get(AlCounters.FAILED)).isEqualTo(30);
    List<Map<String, Object>> outcomes = rtdl("action_outcome");
    assertThat(outcomes).hasSize(30);
    Set<Object> ids = new HashSet<>();
    outcomes.forEach(o -> ids.add(o.get("event_id")));
    assertThat(ids).hasSize(30);
    var rows = await(await(runtime.substrate().stateStore()).scan(AlTables.OUTCOMES,
        KeyRange.prefix(AlTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
    assertThat(rows).hasSize(30).allMatch(r -> "ADMIT".equals(r.value().publishDecision())
        && ids.contains(r.key().outcomeId()) && r.value().receiptRef() != null);

    // the same intent again on the log (a producer's replay): the ledger says it was executed; no second outcome
    await(runtime.substrate().eventLog().publish(RTDL, List.of(new OutRecord("k",
        dev.fp.contract.CanonicalJson.write(AlSamples.intent(RUN, AlSamples.decisionId(0), "ALLOW", "k-0"))))));
    eventually(WITHIN, "the replayed intent seen", () -> counters().get(AlCounters.DUPLICATE_INTENT) == 1);
    assertThat(rtdl("action_outcome")).hasSize(30);
    Path rec = runtime.services().config().platformRoot().resolve(RUN).resolve(AlArtifacts.RECONCILIATION);
    eventually(WITHIN, "reconciliation in parity", () -> rec.toFile().isFile()
        && Boolean.TRUE.equals(JsonFiles.read(rec).get("parity"))
        && Long.valueOf(31).equals(((Number) JsonFiles.read(rec).get("intake_total")).longValue()));
    assertThat(JsonFiles.read(runtime.services().config().platformRoot().resolve(RUN)
        .resolve("action_layer/health/last_health.json"))).containsEntry("health_state", "GREEN");
  }

  @Test
  void shouldNotDoubleAnOutcomeWhenTheCommitIsLostAfterIgAnswered() throws Exception {
    start();
    AtomicInteger rounds = new AtomicInteger();
    // the first publish round reaches IG, then "dies" before the commit; the batch is delivered again
    deployAl(real -> (effects, batch) -> real.run(effects, batch).compose(v -> rounds.getAndIncrement() == 0
        ? Future.failedFuture(new IllegalStateException("crash after IG answered")) : Future.succeededFuture()));
    admitIntents(12);
    eventually(WITHIN, "12 outcomes settled", () -> counters().get(AlCounters.PUBLISH_ADMIT)
        + counters().get(AlCounters.PUBLISH_DUPLICATE) == 12);
    assertThat(counters().get(AlCounters.PUBLISH_AMBIGUOUS)).isEqualTo(1);
    assertThat(counters().get(AlCounters.PUBLISH_DUPLICATE)).isGreaterThan(0);
    assertThat(counters().get(AlCounters.INTAKE)).isEqualTo(12);
    assertThat(rtdl("action_outcome")).hasSize(12);
  }
}
