package dev.fp.platform;

import dev.fp.config.ConfigException;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.config.ConfigDigest;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseRecord;
import dev.fp.platform.supervisor.PhaseState;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.platform.supervisor.RunOutcome;
import dev.fp.platform.supervisor.Supervisor;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts supervised runs in this process, one at a time: behind {@code fp run} and {@code POST /v1/ops/runs}.
 * A start returns once P1 has pinned the run id; the run goes on and its outcome is kept.
 */
public final class RunService {
  private final PlatformRuntime rt;
  private final PhaseStore store;
  private final AtomicReference<Future<RunOutcome>> current = new AtomicReference<>();

  /** A run is already in progress in this process. */
  public static final class RunBusyException extends RuntimeException {
    public RunBusyException(String message) {
      super(message);
    }
  }

  /** A started run: its id (once pinned) and its eventual outcome. */
  public record Started(String platformRunId, Future<RunOutcome> outcome) {
  }

  public RunService(PlatformRuntime rt) {
    this.rt = rt;
    this.store = new PhaseStore(rt.vertx(), rt.substrate().db(), rt.substrate().config().platformRoot(), rt.clock());
  }

  public PhaseStore store() { return store; }

  /**
   * Starts a new run; completes when P1 has pinned it, or — when the run stopped before P1 (substrate gate failed) —
   * when it stopped, with a null run id and the outcome.
   */
  public Future<Started> start(RunOptions options) {
    RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), options, rt.clock(), null);
    Future<RunOutcome> outcome = begin(() -> supervisor(ctx).run());
    return ctx.whenPinned()
        .map(id -> {
          rt.activeRun(id);
          return new Started(id, outcome);
        })
        .recover(notPinned -> outcome.map(o -> new Started(null, outcome)));
  }

  /**
   * What an operator may say when resuming: a cap (it must equal the run's: the world P3 prepared is sized for it),
   * the outputs whose P3 stream view to rebuild (only when the run resumes at P3), a new SR equivalence key (P5) and
   * the replay speed-up.
   */
  public record ResumeRequest(Long cap, java.util.List<String> resetOutputs, String equivalenceKey, double speedup) {
    public ResumeRequest {
      resetOutputs = resetOutputs == null ? java.util.List.of() : java.util.List.copyOf(resetOutputs);
    }
  }

  /**
   * Resumes the active run at its first phase not passed. Refuses when the configuration changed since the run
   * started, so a restart never mixes two configurations in one run, and when the request does not fit the run.
   */
  public Future<Started> resume(ResumeRequest request) {
    return rt.vertx().executeBlocking(() -> new PlatformRunIds(rt.clock())
            .resolve(rt.substrate().config().runsRoot(), System.getenv())
            .orElseThrow(() -> new IllegalArgumentException("no active run to resume (ACTIVE_RUN_ID)")))
        .compose(runId -> store.run(runId).compose(row -> {
          if (row == null) {
            return Future.failedFuture(new IllegalArgumentException("run " + runId + " is not in the supervisor store"));
          }
          String digest = ConfigDigest.of(rt.substrate().config());
          if (!digest.equals(row.get("config_digest"))) {
            return Future.failedFuture(new ConfigException("profile", "refusing to resume " + runId
                + ": configuration changed since the run started; start a fresh run instead"));
          }
          long cap = ((Number) row.get("cap_per_output")).longValue();
          if (request.cap() != null && request.cap() != cap) {
            return Future.failedFuture(new IllegalArgumentException("run " + runId + " was started with --cap " + cap
                + " and a resume keeps it (P3 prepared its world for that cap); omit --cap, or start a fresh run with "
                + "--cap " + request.cap()));
          }
          RunOptions stored = new RunOptions(cap, (String) row.get("mode"), request.equivalenceKey(),
              request.speedup());
          return store.load(runId).compose(records -> {
            Phase at = firstNotPassed(records);
            if (!request.resetOutputs().isEmpty() && at != Phase.P3) {
              return Future.failedFuture(new IllegalArgumentException("--reset-output rebuilds a P3 stream view and "
                  + "applies only when the run resumes at P3; run " + runId + " resumes at "
                  + (at == null ? "its end" : at.label())));
            }
            RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), stored, rt.clock(), runId,
                request.resetOutputs());
            rt.activeRun(runId);
            Future<RunOutcome> outcome = begin(() -> supervisor(ctx).resume(records));
            return Future.succeededFuture(new Started(runId, outcome));
          });
        }));
  }

  private static Phase firstNotPassed(Map<Phase, PhaseRecord> records) {
    for (Phase p : Phase.values()) {
      if (records.get(p).state() != PhaseState.PASSED) {
        return p;
      }
    }
    return null;
  }

  /** The stored run row, or null. */
  public Future<Map<String, Object>> describe(String runId) {
    return store.run(runId);
  }

  private Future<RunOutcome> begin(java.util.function.Supplier<Future<RunOutcome>> body) {
    Future<RunOutcome> running = current.get();
    if (running != null && !running.isComplete()) {
      throw new RunBusyException("a run is already in progress in this process");
    }
    Future<RunOutcome> outcome = body.get();
    current.set(outcome);
    return outcome;
  }

  private Supervisor supervisor(RunContext ctx) {
    return new Supervisor(ctx, rt.catalog().phases(store, rt), store, Phase.P11);
  }
}
