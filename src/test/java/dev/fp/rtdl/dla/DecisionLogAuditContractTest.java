package dev.fp.rtdl.dla;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Json;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.dla.core.AuditWrite;
import dev.fp.rtdl.dla.core.Chain;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.rtdl.dla.store.DlaTables;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.fp.platform.stream.StreamPlatform.eventually;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** DLA on a real substrate: chains from the rtdl log, audit records as evidence and on the audit topic. */
abstract class DecisionLogAuditContractTest {
  /** Fresh per test: the parity tests share one kinesalite, whose topics keep every earlier test's records. */
  final String RUN = freshRunId();
  static final String RTDL = "fp.bus.rtdl.v1";
  static final String AUDIT = "fp.bus.audit.v1";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String FAST = "components:\n  dla:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n";

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();
  DecisionLogAuditVerticle dla;

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(platform.runtime.vertx().undeploy(d));
    }
    platform.close();
  }

  void deploy(UnaryOperator<EffectRunner<AuditWrite>> decorate) throws Exception {
    dla = new DecisionLogAuditVerticle(platform.services, RUN,
        DlaConfig.from(platform.services.config().components().section("dla")), decorate);
    deployments.add(await(platform.runtime.vertx().deployVerticle(dla)));
  }

  static String freshRunId() {
    java.time.Instant at = java.time.Instant.parse("2026-01-02T00:00:00Z")
        .plusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 300L * 86_400));
    return "platform_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  Map<String, Object> envelope(String type, String eventId, Map<String, Object> payload) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", type);
    e.put("schema_version", "v1");
    e.put("ts_utc", "2026-01-01T00:00:02.000000Z");
    e.put("manifest_fingerprint", "c".repeat(64));
    e.put("parameter_hash", "5".repeat(64));
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", RUN);
    e.put("scenario_run_id", "7e0847b8622533045c5b69bce61c88bd");
    e.put("payload", payload);
    return e;
  }

  /** Decision, intent and outcome of {@code n} decisions, as DF and AL publish them. */
  void publishChains(int n) throws Exception {
    List<String> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String d = Hashing.sha256Hex("decision-" + i).substring(0, 32);
      String a = Hashing.sha256Hex(d + ":ALLOW").substring(0, 32);
      String o = Hashing.sha256Hex("outcome-" + i).substring(0, 32);
      data.add(CanonicalJson.write(envelope("decision_response", "d-" + i, Map.of("decision_id", d))));
      data.add(CanonicalJson.write(envelope("action_intent", "i-" + i, Map.of("decision_id", d, "action_id", a))));
      data.add(CanonicalJson.write(envelope("action_outcome", o, Map.of("decision_id", d, "action_id", a,
          "outcome_id", o, "status", "EXECUTED"))));
    }
    platform.publish(RTDL, data.toArray(String[]::new));
  }

  Counters counters() {
    return dla.shell().counters();
  }

  List<Map<String, Object>> auditTopic() throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    int partitions = await(platform.runtime.substrate().eventLog().partitions(AUDIT));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      while (true) {
        ReadBatch b = await(platform.runtime.substrate().eventLog().read(AUDIT, p, from, 1000));
        for (LogRecord r : b.records()) {
          Map<String, Object> e = Json.readObject(r.data());
          if (RUN.equals(e.get("platform_run_id"))) {
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

  List<KeyValue<DlaTables.ChainKey, Chain>> chains() throws Exception {
    return await(platform.state().scan(DlaTables.CHAINS, KeyRange.prefix(DlaTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
  }

  @Test
  void shouldResolveEveryChainAndWriteOneAuditRecordEach() throws Exception {
    platform = open(dir, FAST);
    publishChains(25);
    deploy(UnaryOperator.identity());
    eventually(WITHIN, "25 audit records", () -> counters().get(DlaCounters.AUDIT_RECORDS) == 25);
    assertThat(counters().get(DlaCounters.RESOLVED)).isEqualTo(25);
    assertThat(counters().get(DlaCounters.UNRESOLVED)).isZero();
    assertThat(counters().get(DlaCounters.QUARANTINE)).isZero();
    List<Map<String, Object>> audit = auditTopic();
    assertThat(audit).hasSize(25);
    EvidenceWriter reader = EvidenceWriters.create(platform.runtime.vertx(),
        platform.runtime.substrate().objectStore(), platform.runtime.substrate().stateStore(),
        DlaConfig.from(platform.services.config().components().section("dla")).evidence());
    for (KeyValue<DlaTables.ChainKey, Chain> c : chains()) {
      assertThat(c.value().auditIds()).hasSize(1);
      Optional<Map<String, Object>> rec = await(reader.read(RUN + "/decision_log_audit/records",
          c.value().auditIds().get(0)));
      assertThat(rec).isPresent();
      assertThat(rec.get()).containsEntry("decision_id", c.key().decisionId());
    }
    await(reader.close());
    Path rec = platform.services.config().platformRoot().resolve(RUN).resolve(DlaArtifacts.RECONCILIATION);
    eventually(WITHIN, "reconciliation written", () -> rec.toFile().isFile());
    assertThat(JsonFiles.read(platform.services.config().platformRoot().resolve(RUN)
        .resolve("decision_log_audit/health/last_health.json"))).containsEntry("health_state", "GREEN");
  }

  @Test
  void shouldKeepTheSameChainsWhenTheCommitIsLostAfterTheAuditWrites() throws Exception {
    platform = open(dir, FAST);
    publishChains(10);
    AtomicInteger rounds = new AtomicInteger();
    deploy(real -> (effects, batch) -> real.run(effects, batch).compose(v -> !effects.isEmpty()
        && rounds.getAndIncrement() == 0 ? Future.failedFuture(new IllegalStateException("crash after the writes"))
        : Future.succeededFuture()));
    eventually(WITHIN, "10 audit records", () -> counters().get(DlaCounters.AUDIT_RECORDS) == 10);
    assertThat(counters().get(DlaCounters.APPEND_FAILURE)).isEqualTo(1);
    assertThat(chains()).hasSize(10).allMatch(c -> c.value().auditIds().size() == 1 && c.value().resolved());
    // the audit topic is at-least-once across such a crash, with the same event id and bytes for a repeated record
    List<Map<String, Object>> audit = auditTopic();
    assertThat(new HashSet<>(audit.stream().map(a -> a.get("event_id")).toList())).hasSize(10);
  }
}
