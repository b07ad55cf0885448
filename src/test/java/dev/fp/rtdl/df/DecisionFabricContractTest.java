package dev.fp.rtdl.df;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.Topics;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.al.ActionLayerVerticle;
import dev.fp.rtdl.df.core.DecisionPublish;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
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
 * The Decision Fabric between the real log, a real IG and the real Action Layer, with no CSFB, OFP or Degrade Ladder
 * deployed: the posture is unreachable (FAIL_CLOSED), so every traffic event is decided QUEUE_REVIEW on the
 * missing-context path, and its decision, intent and AL's outcome land on {@code fp.bus.rtdl.v1} exactly once — also
 * when the process dies between IG's answer and the commit. Each profile's test says which substrate.
 */
abstract class DecisionFabricContractTest {
  static final String RUN = DfSamples.RUN;
  static final String RTDL = Topics.RTDL;
  static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  PlatformRuntime runtime;
  final List<String> deployments = new ArrayList<>();
  DecisionFabricVerticle df;

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
    Files.createDirectories(dir.resolve("df"));
    Files.copy(Path.of("conf/df/registry_snapshot.yaml"), dir.resolve("df/registry_snapshot.yaml"));
    Files.copy(Path.of("conf/df/risk_policy.yaml"), dir.resolve("df/risk_policy.yaml"));
    Files.writeString(dir.resolve("keys.txt"), String.join("\n",
        "k-df principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        "k-al principal=SYSTEM::action_layer classes=rtdl_action_outcome") + "\n");
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n" + substrate()
        + "http:\n  port: 0\nsecurity:\n  api_keys_file: keys.txt\n"
        + "components:\n  al:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n"
        + "  df:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n    query_timeout_ms: 200\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    deployments.add(await(runtime.vertx().deployVerticle(new IgVerticle(runtime.services()))));
    deployments.add(await(runtime.vertx().deployVerticle(new ActionLayerVerticle(runtime.services(), RUN))));
  }

  void deployDf(UnaryOperator<EffectRunner<DecisionPublish>> decorate) throws Exception {
    df = new DecisionFabricVerticle(runtime.services(), RUN,
        DfConfig.from(runtime.services().config().components().section("df")), decorate);
    deployments.add(await(runtime.vertx().deployVerticle(df)));
  }

  /** {@code n} admitted traffic events of flows 100.. on the fraud traffic topic. */
  void traffic(int n) throws Exception {
    List<OutRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new OutRecord("k" + i, CanonicalJson.write(DfSamples.traffic(i, 100 + i, 10.0 + i))));
    }
    await(runtime.substrate().eventLog().publish(Topics.TRAFFIC_FRAUD, out));
  }

  Counters counters() {
    return df.shell().counters();
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

  int rtdlCount(String eventType) {
    try {
      return rtdl(eventType).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Path runFile(String relative) {
    return runtime.services().config().platformRoot().resolve(RUN).resolve(relative);
  }

  @Test
  void shouldDecideEveryTrafficEventOnTheMissingContextPathAndPublishDecisionIntentAndOutcomeOnce() throws Exception {
    start();
    deployDf(UnaryOperator.identity());
    traffic(20);
    eventually(WITHIN, "20 decisions admitted", () -> counters().get(DfCounters.PUBLISH_ADMIT) == 20);
    assertThat(counters().get(DfCounters.DECISIONS)).isEqualTo(20);
    assertThat(counters().get(DfCounters.QUEUE_REVIEW)).isEqualTo(20);
    assertThat(counters().get(DfCounters.INTENT_ADMIT)).isEqualTo(20);
    assertThat(counters().get("mode::FAIL_CLOSED")).isEqualTo(20);
    assertThat(counters().get("reason_code::REGISTRY_FAIL_CLOSED")).isEqualTo(20);
    eventually(WITHIN, "20 outcomes", () -> rtdlCount("action_outcome") == 20);
    List<Map<String, Object>> decisions = rtdl("decision_response");
    assertThat(decisions).hasSize(20);
    assertThat(rtdl("action_intent")).hasSize(20);
    Set<Object> sources = new HashSet<>();
    decisions.forEach(d -> sources.add(d.get("parent_event_id")));
    assertThat(sources).hasSize(20).contains(DfSamples.eventId(0), DfSamples.eventId(19));
    var rows = await(await(runtime.substrate().stateStore()).scan(DfTables.LEDGER,
        KeyRange.prefix(DfTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
    assertThat(rows).hasSize(20).allMatch(r -> "PUBLISHED".equals(r.value().status())
        && "ADMIT".equals(r.value().decisionAnswer()) && "ADMIT".equals(r.value().intentAnswer()));
    Path rec = runFile("decision_fabric/reconciliation/reconciliation.json");
    eventually(WITHIN, "reconciliation in parity", () -> rec.toFile().isFile()
        && Boolean.TRUE.equals(JsonFiles.read(rec).get("parity"))
        && ((Number) JsonFiles.read(rec).get("decisions_published_total")).longValue() == 20);
    assertThat(JsonFiles.read(runFile("decision_fabric/health/last_health.json")))
        .containsEntry("health_state", "GREEN");
  }

  @Test
  void shouldPublishExactlyOneDecisionAndIntentWhenTheCommitIsLostAfterIgAnswered() throws Exception {
    start();
    AtomicInteger rounds = new AtomicInteger();
    deployDf(real -> (effects, batch) -> real.run(effects, batch).compose(v -> rounds.getAndIncrement() == 0
        ? Future.failedFuture(new IllegalStateException("crash after IG answered")) : Future.succeededFuture()));
    traffic(12);
    eventually(WITHIN, "12 decisions settled", () -> counters().get(DfCounters.PUBLISH_ADMIT)
        + counters().get(DfCounters.PUBLISH_DUPLICATE) == 12);
    assertThat(counters().get(DfCounters.PUBLISH_AMBIGUOUS)).isEqualTo(1);
    assertThat(counters().get(DfCounters.PUBLISH_DUPLICATE)).isGreaterThan(0);
    assertThat(counters().get(DfCounters.REPUBLISHED)).isEqualTo(counters().get(DfCounters.PUBLISH_DUPLICATE));
    assertThat(counters().get(DfCounters.DECISIONS)).isEqualTo(12);
    assertThat(rtdl("decision_response")).hasSize(12);
    assertThat(rtdl("action_intent")).hasSize(12);
    eventually(WITHIN, "12 outcomes", () -> rtdlCount("action_outcome") == 12);
  }
}
