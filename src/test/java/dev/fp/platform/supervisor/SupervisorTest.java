package dev.fp.platform.supervisor;

import dev.fp.platform.JsonFiles;
import dev.fp.platform.Substrate;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor over the real embedded substrate (files + SQLite) in a temp folder. */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
class SupervisorTest {
  @TempDir
  Path dir;
  Vertx vertx;
  Substrate substrate;
  PhaseStore store;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  final RunOptions options = new RunOptions(20, "fraud", null, 0);

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    PlatformConfig cfg = ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", dir.toString(), "FP_HTTP_PORT", "0"));
    substrate = await(Substrate.open(vertx, cfg));
    store = new PhaseStore(vertx, substrate.db(), cfg.platformRoot(), clock);
  }

  @AfterEach
  void close() throws Exception {
    await(substrate.close());
  }

  private RunContext newRun() {
    return new RunContext(vertx, substrate, options, clock, null);
  }

  private List<PhaseHandler> kernel() {
    return new ArrayList<>(List.of(new SubstrateReadyPhase(), new RunPinnedPhase(store)));
  }

  @Test
  void shouldPassP0AndP1ThenStopAtFirstUnavailablePhase() throws Exception {
    RunOutcome o = await(new Supervisor(newRun(), kernel(), store, Phase.P11).run());

    assertThat(o.status()).isEqualTo(RunOutcome.Status.NOT_AVAILABLE);
    assertThat(o.stoppedAt()).isEqualTo(Phase.P2);
    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.message()).isEqualTo("P2 DAEMONS_READY is not yet available in this build");
    assertThat(o.platformRunId()).isEqualTo("platform_20261127T100000Z");
    Path platformRoot = dir.resolve("fraud-platform");
    assertThat(Files.readString(platformRoot.resolve("ACTIVE_RUN_ID")).trim()).isEqualTo(o.platformRunId());

    Map<String, Object> phases = JsonFiles.read(platformRoot.resolve(o.platformRunId()).resolve("supervisor/phases.json"));
    assertThat(state(phases, "P0")).isEqualTo("PASSED");
    assertThat(state(phases, "P1")).isEqualTo("PASSED");
    assertThat(state(phases, "P2")).isEqualTo("NOT_AVAILABLE");
    assertThat(state(phases, "P3")).isEqualTo("PENDING");
    Map<Phase, PhaseRecord> stored = await(store.load(o.platformRunId()));
    assertThat(stored.get(Phase.P0).commitEvidenceRef()).endsWith("operate/substrate/bootstrap_status.json");
    assertThat(stored.get(Phase.P0).checks()).allMatch(GateCheck::pass)
        .anyMatch(c -> c.name().equals("topic_exists:fp.bus.case.v1"))
        .anyMatch(c -> c.name().equals("bucket_exists:oracle-store"));
    assertThat(stored.get(Phase.P1).commitEvidenceRef()).endsWith("fraud-platform/ACTIVE_RUN_ID");
    assertThat(await(store.run(o.platformRunId())).get("status")).isEqualTo("NOT_AVAILABLE");
  }

  @Test
  void shouldNeverReuseTheActiveRunId() throws Exception {
    String first = await(new Supervisor(newRun(), kernel(), store, Phase.P11).run()).platformRunId();
    String second = await(new Supervisor(newRun(), kernel(), store, Phase.P11).run()).platformRunId();
    assertThat(second).isNotEqualTo(first);
    assertThat(Files.readString(dir.resolve("fraud-platform/ACTIVE_RUN_ID")).trim()).isEqualTo(second);
  }

  @Test
  void shouldFailP0GateNamingExactlyWhatIsMissing() throws Exception {
    List<PhaseHandler> handlers = kernel();
    handlers.set(0, new PhaseHandler() {
      final SubstrateReadyPhase real = new SubstrateReadyPhase();

      @Override
      public Phase phase() { return Phase.P0; }

      @Override
      public Future<String> enter(RunContext run) {
        // bootstrap, then lose one topic behind the platform's back
        return real.enter(run).compose(ref -> vertx.executeBlocking(() -> {
          deleteTree(dir.resolve("bus/fp.bus.audit.v1"));
          return ref;
        }));
      }

      @Override
      public Future<List<GateCheck>> gate(RunContext run) { return real.gate(run); }
    });
    RunOutcome o = await(new Supervisor(newRun(), handlers, store, Phase.P11).run());

    assertThat(o.status()).isEqualTo(RunOutcome.Status.GATE_FAILED);
    assertThat(o.stoppedAt()).isEqualTo(Phase.P0);
    assertThat(o.message()).contains("check topic_exists:fp.bus.audit.v1: FAIL").contains("remedy:")
        .doesNotContain("topic_exists:fp.bus.rtdl.v1: FAIL");
    GateCheck failed = o.phases().get(Phase.P0).checks().stream().filter(c -> !c.pass()).findFirst().orElseThrow();
    assertThat(failed.actual()).isEqualTo("missing");
  }

  @Test
  void shouldRecordEntryActionErrorAndStop() throws Exception {
    List<PhaseHandler> handlers = kernel();
    handlers.add(handler(Phase.P2, () -> Future.failedFuture(new IllegalStateException("pack deploy failed")), true));
    RunOutcome o = await(new Supervisor(newRun(), handlers, store, Phase.P11).run());
    assertThat(o.status()).isEqualTo(RunOutcome.Status.ERROR);
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.phases().get(Phase.P2).state()).isEqualTo(PhaseState.FAILED);
    assertThat(o.phases().get(Phase.P2).failure()).contains("pack deploy failed");
  }

  @Test
  void shouldResumeAtFirstPhaseNotPassedAndCountAttempts() throws Exception {
    AtomicInteger p3Calls = new AtomicInteger();
    List<PhaseHandler> handlers = kernel();
    handlers.add(handler(Phase.P2, () -> Future.succeededFuture("evidence/p2"), true));
    handlers.add(handler(Phase.P3, () -> Future.succeededFuture("evidence/p3"), false));
    RunOutcome first = await(new Supervisor(newRun(), handlers, store, Phase.P3).run());
    assertThat(first.status()).isEqualTo(RunOutcome.Status.GATE_FAILED);

    List<PhaseHandler> fixed = kernel();
    fixed.add(handler(Phase.P2, () -> Future.succeededFuture("evidence/p2"), true));
    fixed.add(handler(Phase.P3, () -> {
      p3Calls.incrementAndGet();
      return Future.succeededFuture("evidence/p3");
    }, true));
    RunContext resumed = new RunContext(vertx, substrate, options, clock, first.platformRunId());
    RunOutcome second = await(new Supervisor(resumed, fixed, store, Phase.P3)
        .resume(await(store.load(first.platformRunId()))));

    assertThat(second.status()).isEqualTo(RunOutcome.Status.PASSED);
    assertThat(p3Calls).hasValue(1);
    assertThat(second.phases().get(Phase.P0).attempts()).isEqualTo(1);
    assertThat(second.phases().get(Phase.P3).attempts()).isEqualTo(2);
    assertThat(resumed.previous(Phase.P3).state()).isEqualTo(PhaseState.FAILED);
    long rows = await(substrate.db().query("SELECT COUNT(*) AS n FROM supervisor_phases WHERE platform_run_id = $1",
        Tuple.of(first.platformRunId()))).iterator().next().getLong("n");
    assertThat(rows).isEqualTo(4);
  }

  @Test
  void shouldRefuseToRetryAFailedPhaseTheSeedAllowsNoRetryOf() throws Exception {
    List<PhaseHandler> handlers = kernel();
    handlers.add(handler(Phase.P2, () -> Future.succeededFuture("evidence/p2"), false));
    RunOutcome first = await(new Supervisor(newRun(), handlers, store, Phase.P3).run());
    AtomicInteger p2Calls = new AtomicInteger();
    List<PhaseHandler> again = kernel();
    again.add(handler(Phase.P2, () -> {
      p2Calls.incrementAndGet();
      return Future.succeededFuture("evidence/p2");
    }, true));

    RunOutcome refused = await(new Supervisor(new RunContext(vertx, substrate, options, clock, first.platformRunId()),
        again, store, Phase.P3).resume(await(store.load(first.platformRunId()))));

    assertThat(refused.status()).isEqualTo(RunOutcome.Status.RETRY_REFUSED);
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.stoppedAt()).isEqualTo(Phase.P2);
    assertThat(refused.message()).startsWith("P2 DAEMONS_READY failed and the seed allows no retry of it")
        .contains("start a fresh run with `fp run`");
    assertThat(p2Calls).hasValue(0);
    Map<Phase, PhaseRecord> stored = await(store.load(first.platformRunId()));
    assertThat(stored.get(Phase.P2).state()).isEqualTo(PhaseState.FAILED);
    assertThat(stored.get(Phase.P2).attempts()).isEqualTo(1);
    assertThat(await(store.run(first.platformRunId())).get("status")).isEqualTo("GATE_FAILED");
  }

  @Test
  void shouldReenterAPhaseTheProcessDiedInAndRestoreEarlierPhasesFirst() throws Exception {
    List<String> calls = new ArrayList<>();
    List<PhaseHandler> handlers = kernel();
    handlers.add(handler(Phase.P2, () -> Future.succeededFuture("evidence/p2"), true));
    String runId = await(new Supervisor(newRun(), handlers, store, Phase.P2).run()).platformRunId();
    // the process dies in P3: its record stays RUNNING
    Map<Phase, PhaseRecord> records = new java.util.EnumMap<>(await(store.load(runId)));
    PhaseRecord dying = records.get(Phase.P3).start("2026-11-27T10:00:01Z");
    records.put(Phase.P3, dying);
    await(store.save(runId, dying, records));

    List<PhaseHandler> restarted = kernel();
    restarted.add(new PhaseHandler() {
      @Override
      public Phase phase() { return Phase.P2; }

      @Override
      public Future<String> enter(RunContext run) {
        calls.add("P2 enter");
        return Future.succeededFuture("evidence/p2");
      }

      @Override
      public Future<List<GateCheck>> gate(RunContext run) { return Future.succeededFuture(List.of()); }

      @Override
      public Future<Void> resume(RunContext run) {
        calls.add("P2 resume");
        return Future.succeededFuture();
      }
    });
    restarted.add(handler(Phase.P3, () -> {
      calls.add("P3 enter");
      return Future.succeededFuture("evidence/p3");
    }, true));
    RunContext ctx = new RunContext(vertx, substrate, options, clock, runId);
    RunOutcome o = await(new Supervisor(ctx, restarted, store, Phase.P3).resume(await(store.load(runId))));

    assertThat(o.status()).isEqualTo(RunOutcome.Status.PASSED);
    assertThat(calls).containsExactly("P2 resume", "P3 enter");
    assertThat(o.phases().get(Phase.P3).attempts()).isEqualTo(2);
    assertThat(ctx.previous(Phase.P3).state()).isEqualTo(PhaseState.RUNNING);
  }

  @Test
  void shouldResumeARunStoppedAtAnUnavailablePhaseToTheSameStop() throws Exception {
    RunOutcome first = await(new Supervisor(newRun(), kernel(), store, Phase.P11).run());
    assertThat(first.stoppedAt()).isEqualTo(Phase.P2);

    RunOutcome again = await(new Supervisor(new RunContext(vertx, substrate, options, clock, first.platformRunId()),
        kernel(), store, Phase.P11).resume(await(store.load(first.platformRunId()))));

    assertThat(again.status()).isEqualTo(RunOutcome.Status.NOT_AVAILABLE);
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.stoppedAt()).isEqualTo(Phase.P2);
    assertThat(again.message()).isEqualTo("P2 DAEMONS_READY is not yet available in this build");
  }

  @Test
  void shouldExitFourNamingTheServiceWhenAnEntryActionFindsTheSubstrateUnreachable() throws Exception {
    List<PhaseHandler> handlers = kernel();
    handlers.set(0, handler(Phase.P0, () -> Future.failedFuture(new dev.fp.platform.SubstrateUnavailableException(
        "object store", "http://127.0.0.1:9", new java.net.ConnectException("Connection refused"))), true));

    RunOutcome o = await(new Supervisor(newRun(), handlers, store, Phase.P11).run());

    assertThat(o.status()).isEqualTo(RunOutcome.Status.SUBSTRATE_UNAVAILABLE);
    assertThat(o.exitCode()).isEqualTo(4);
    assertThat(o.message()).isEqualTo("P0 SUBSTRATE_READY entry action failed: object store unavailable at "
        + "http://127.0.0.1:9: Connection refused");
  }

  @Test
  void shouldPassP2OnlyWhenEveryPackProcessIsRunningAndReady() throws Exception {
    PackManager packs = new PackManager(vertx, dir.resolve("fraud-platform"), "embedded", clock);
    PackSpec notReady = new PackSpec("rtdl_core", List.of(ProcessSpec.of("ieg_projector", () -> new Probe(false))));
    PackSpec ready = new PackSpec("obs_gov", List.of(ProcessSpec.of("reporter", () -> new Probe(true))));
    List<PhaseHandler> handlers = kernel();
    handlers.add(new DaemonsReadyPhase(packs, List.of(ready, notReady)));
    RunOutcome o = await(new Supervisor(newRun(), handlers, store, Phase.P2).run());

    assertThat(o.status()).isEqualTo(RunOutcome.Status.GATE_FAILED);
    List<GateCheck> checks = o.phases().get(Phase.P2).checks();
    assertThat(checks).filteredOn(c -> !c.pass()).extracting(GateCheck::name)
        .containsExactly("process_ready:rtdl_core/ieg_projector");
    assertThat(checks).filteredOn(c -> !c.pass()).first().extracting(GateCheck::actual)
        .isEqualTo("running=true reason=warming_up");
    assertThat(o.phases().get(Phase.P2).commitEvidenceRef()).endsWith("operate/packs_status.json");
    await(packs.down(notReady, o.platformRunId()));
    await(packs.down(ready, o.platformRunId()));
  }

  @Test
  void shouldFailP2ForAPackWithoutProcessThatAPhaseOfThisBuildNeeds() throws Exception {
    PackManager packs = new PackManager(vertx, dir.resolve("fraud-platform"), "embedded", clock);
    PackSpec needed = new PackSpec("rtdl_decision_lane", List.of());
    PackSpec later = new PackSpec("obs_gov", List.of());
    List<PhaseHandler> handlers = kernel();
    handlers.add(new DaemonsReadyPhase(packs, List.of(needed, later),
        pack -> pack.equals("obs_gov") ? "P11 OBS_GOV_CLOSED (the first phase needing it) is not available" : null));

    RunOutcome o = await(new Supervisor(newRun(), handlers, store, Phase.P2).run());

    assertThat(o.status()).isEqualTo(RunOutcome.Status.GATE_FAILED);
    List<GateCheck> checks = o.phases().get(Phase.P2).checks();
    assertThat(checks).filteredOn(c -> !c.pass()).extracting(GateCheck::name)
        .containsExactly("pack_processes:rtdl_decision_lane");
    assertThat(checks).filteredOn(c -> c.name().equals("pack_processes:obs_gov")).extracting(GateCheck::actual)
        .containsExactly("no process in this build; not needed: P11 OBS_GOV_CLOSED (the first phase needing it) is "
            + "not available");
  }

  /** A component verticle that reports a fixed readiness. */
  static final class Probe extends io.vertx.core.VerticleBase implements Readiness {
    private final boolean ready;

    Probe(boolean ready) {
      this.ready = ready;
    }

    @Override
    public Future<Readiness.Result> readiness() {
      return Future.succeededFuture(new Readiness.Result(ready, ready ? "alive" : "warming_up"));
    }
  }

  private static PhaseHandler handler(Phase phase, java.util.function.Supplier<Future<String>> entry, boolean pass) {
    return new PhaseHandler() {
      @Override
      public Phase phase() { return phase; }

      @Override
      public Future<String> enter(RunContext run) { return entry.get(); }

      @Override
      public Future<List<GateCheck>> gate(RunContext run) {
        return Future.succeededFuture(List.of(GateCheck.of(pass, "test_check", "test evidence", "ok",
            pass ? "ok" : "bad", "fix the test")));
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static String state(Map<String, Object> phases, String phase) {
    return (String) ((Map<String, Object>) ((Map<String, Object>) phases.get("phases")).get(phase)).get("state");
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
