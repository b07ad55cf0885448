package dev.fp.control.sr;

import dev.fp.platform.Substrate;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseRecord;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.platform.supervisor.RunPinnedPhase;
import dev.fp.platform.supervisor.RunOutcome;
import dev.fp.platform.supervisor.SubstrateReadyPhase;
import dev.fp.platform.supervisor.Supervisor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The P5 equivalence key across processes: fresh on the first attempt, {@code _r<attempt>} on the seed's retry after
 * a failed attempt, the interrupted attempt's own key after a crash in P5 (never a second READY for the world),
 * the operator's when given.
 */
@ExtendWith(VertxExtension.class)
class ReadyPublishedKeyTest {
  @TempDir
  Path dir;
  Vertx vertx;
  Substrate substrate;
  PhaseStore store;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  final List<String> keys = new ArrayList<>();

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

  @Test
  void shouldUseAFreshKeyThenRNOnRetryAndTheInterruptedKeyAfterACrash() throws Exception {
    RunOptions options = new RunOptions(20, "fraud", null, 0);
    RunOutcome first = await(new Supervisor(new RunContext(vertx, substrate, options, clock, null), handlers(), store,
        Phase.P5).run());
    String run = first.platformRunId();
    String base = SrRequest.defaultEquivalenceKey(run);
    assertThat(first.status()).isEqualTo(RunOutcome.Status.GATE_FAILED);

    await(resume(run, options)); // the seed's P5 retry after the failed attempt 1
    await(resume(run, options)); // attempt 3 records its key _r3, then fails
    // the next attempt dies in P5 before choosing a key: the record stays RUNNING, the recorded key is _r3
    Map<Phase, PhaseRecord> records = new EnumMap<>(await(store.load(run)));
    PhaseRecord dying = records.get(Phase.P5).start("2026-11-27T10:00:09Z");
    records.put(Phase.P5, dying);
    await(store.save(run, dying, records));
    await(resume(run, options)); // the resume after the crash announces with the recorded key
    await(resume(run, new RunOptions(20, "fraud", "operator_key", 0)));

    assertThat(keys).containsExactly(base, base + "_r2", base + "_r3", base + "_r3", "operator_key");
  }

  private Future<RunOutcome> resume(String run, RunOptions options) {
    return store.load(run).compose(stored -> new Supervisor(new RunContext(vertx, substrate, options, clock, run),
        handlers(), store, Phase.P5).resume(stored));
  }

  /** P0 and P1 for real, P2–P4 passing, P5 recording the key it would publish with and failing its gate. */
  private List<PhaseHandler> handlers() {
    List<PhaseHandler> h = new ArrayList<>(List.of(new SubstrateReadyPhase(), new RunPinnedPhase(store)));
    for (Phase p : List.of(Phase.P2, Phase.P3, Phase.P4)) {
      h.add(handler(p, run -> Future.succeededFuture("evidence/" + p), true));
    }
    h.add(handler(Phase.P5, run -> ReadyPublishedPhase.equivalenceKey(run).map(key -> {
      keys.add(key);
      return "evidence/P5";
    }), false));
    return h;
  }

  private static PhaseHandler handler(Phase phase, java.util.function.Function<RunContext, Future<String>> entry,
                                      boolean pass) {
    return new PhaseHandler() {
      @Override
      public Phase phase() { return phase; }

      @Override
      public Future<String> enter(RunContext run) { return entry.apply(run); }

      @Override
      public Future<List<GateCheck>> gate(RunContext run) {
        return Future.succeededFuture(List.of(GateCheck.of(pass, "test_check", "test evidence", "ok",
            pass ? "ok" : "bad", "fix the test")));
      }
    };
  }
}
