package dev.fp.platform;

import dev.fp.config.ConfigException;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.config.ConfigDigest;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseRecord;
import dev.fp.platform.supervisor.PhaseState;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RetryRules;
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
    return start(options, false);
  }

  /** As {@link #start(RunOptions)}; with {@code teardown}, a run that passes P11 is then torn down (P12). */
  public Future<Started> start(RunOptions options, boolean teardown) {
    RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), options, rt.clock(), null);
    Future<RunOutcome> outcome = begin(() -> thenTeardown(ctx, supervisor(ctx).run(), teardown));
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
  public record ResumeRequest(Long cap, java.util.List<String> resetOutputs, String equivalenceKey, double speedup,
                              boolean newKey, Phase retry, boolean teardown) {
    public ResumeRequest {
      resetOutputs = resetOutputs == null ? java.util.List.of() : java.util.List.copyOf(resetOutputs);
    }

    public ResumeRequest(Long cap, java.util.List<String> resetOutputs, String equivalenceKey, double speedup) {
      this(cap, resetOutputs, equivalenceKey, speedup, false, null, false);
    }

    /** An operator's retry of {@code phase} (one of the seed's loops) with its parameters. */
    public static ResumeRequest retry(Phase phase, Long cap, java.util.List<String> resetOutputs, String equivalenceKey,
                                      boolean newKey) {
      return new ResumeRequest(cap, resetOutputs, equivalenceKey, 0, newKey, phase, false);
    }
  }

  /**
   * Resumes the active run at its first phase not passed. Refuses when the configuration changed since the run
   * started, so a restart never mixes two configurations in one run, and when the request does not fit the run.
   */
  public Future<Started> resume(ResumeRequest request) {
    return activeRunId().compose(runId -> store.run(runId).compose(row -> {
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
      RunOptions stored = new RunOptions(cap, (String) row.get("mode"), request.equivalenceKey(), request.speedup());
      return store.load(runId).compose(records -> {
        Phase at = firstNotPassed(records);
        OperatorRefusal refused = refusal(runId, records, at, request);
        if (refused != null) {
          return Future.failedFuture(refused);
        }
        if (!request.resetOutputs().isEmpty() && at != Phase.P3) {
          return Future.failedFuture(new IllegalArgumentException("--reset-output rebuilds a P3 stream view and "
              + "applies only when the run resumes at P3; run " + runId + " resumes at "
              + (at == null ? "its end" : at.label())));
        }
        RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), stored, rt.clock(), runId,
            request.resetOutputs(), request.newKey());
        rt.activeRun(runId);
        Future<RunOutcome> outcome = begin(() -> thenTeardown(ctx, supervisor(ctx).resume(records), request.teardown()));
        return Future.succeededFuture(new Started(runId, outcome));
      });
    }));
  }

  /**
   * Why a resume or an operator's retry of the run must not go on, or null: a torn-down run is closed; a retry names
   * one of the seed's loops, at the phase the run stopped at, with parameters that belong to that loop; a P11 retry
   * needs the obs_gov reporter stopped.
   */
  private OperatorRefusal refusal(String runId, Map<Phase, PhaseRecord> records, Phase at, ResumeRequest request) {
    if (records.get(Phase.P12).state() == PhaseState.PASSED) {
      return OperatorRefusal.conflict("RUN_DONE", "run " + runId + " was torn down (P12 DONE at "
          + records.get(Phase.P12).exitedAtUtc() + "): nothing may write to its run scope; start a fresh run");
    }
    Phase retry = request.retry();
    if (request.newKey() && retry != Phase.P5) {
      return OperatorRefusal.badRequest("RETRY_PARAMETER", "a new equivalence key belongs to the P5 retry only");
    }
    if (retry == null) {
      return null;
    }
    if (!retry.retryAllowed()) {
      return OperatorRefusal.conflict("RETRY_NOT_ALLOWED", RetryRules.refusal(retry));
    }
    if (at != retry) {
      return OperatorRefusal.conflict("RETRY_NOT_AT_STOP", "run " + runId + " stopped at "
          + (at == null ? "its end (every phase passed)" : at.label() + " (" + records.get(at).state() + ")")
          + ", not at " + retry.label() + ": the seed retries the phase a run stopped at");
    }
    if (!request.resetOutputs().isEmpty() && retry != Phase.P3) {
      return OperatorRefusal.badRequest("RETRY_PARAMETER", "reset outputs belong to the P3 retry only");
    }
    if (retry == Phase.P11) {
      java.util.List<String> reporter = rt.catalog().packs(rt.services()).stream()
          .filter(p -> p.name().equals("obs_gov")).flatMap(p -> rt.packs().running(p).stream()).toList();
      if (!reporter.isEmpty()) {
        return OperatorRefusal.conflict("REPORTER_RUNNING", "P11 re-runs only while the obs_gov reporter is not "
            + "running (running here: " + reporter + "); stop it first: POST /v1/ops/packs/obs_gov/down");
      }
    }
    return null;
  }

  /**
   * Tears the active run down (P12): packs stopped in reverse start order, their final status captured, the run
   * scope closed. Refused while a run is in progress in this process or when {@code runId} is not the active run.
   */
  public Future<Started> teardown(String runId) {
    return activeRunId().compose(active -> {
      if (!active.equals(runId)) {
        return Future.failedFuture(OperatorRefusal.conflict("RUN_NOT_ACTIVE", "run " + runId + " is not the active "
            + "run (" + active + "): only the active run's packs can be torn down"));
      }
      return store.run(runId).compose(row -> {
        if (row == null) {
          return Future.failedFuture(OperatorRefusal.conflict("RUN_NOT_SUPERVISED", "run " + runId + " has no "
              + "supervisor record (its packs were started by `fp up --serve`, not by a run): nothing to record"));
        }
        RunOptions stored = new RunOptions(((Number) row.get("cap_per_output")).longValue(), (String) row.get("mode"),
            null, 0);
        RunContext ctx = new RunContext(rt.vertx(), rt.substrate(), stored, rt.clock(), runId);
        return store.load(runId).compose(records -> records.get(Phase.P12).state() == PhaseState.PASSED
            ? Future.failedFuture(OperatorRefusal.conflict("RUN_DONE", "run " + runId + " was already torn down at "
                + records.get(Phase.P12).exitedAtUtc() + "; start a fresh run"))
            : Future.succeededFuture(new Started(runId, begin(() -> {
              rt.activeRun(runId);
              return supervisor(ctx).teardown(records);
            }))));
      });
    });
  }

  /** An operator's retry of {@code request.retry()} for {@code runId}, which must be the active run. */
  public Future<Started> retry(String runId, ResumeRequest request) {
    return activeRunId().compose(active -> active.equals(runId) ? resume(request)
        : Future.failedFuture(OperatorRefusal.conflict("RUN_NOT_ACTIVE", "run " + runId + " is not the active run ("
            + active + "): only the active run is resumed or retried")));
  }

  /** The stored runs, newest first, at most {@code limit}. */
  public Future<java.util.List<Map<String, Object>>> list(int limit) {
    return store.runs(limit);
  }

  /** The active run (ACTIVE_RUN_ID); fails when none is pinned. */
  public Future<String> activeRunId() {
    return rt.vertx().executeBlocking(() -> new PlatformRunIds(rt.clock())
        .resolve(rt.substrate().config().runsRoot(), System.getenv())
        .orElseThrow(() -> OperatorRefusal.conflict("NO_ACTIVE_RUN", "no active run (ACTIVE_RUN_ID): start one with "
            + "`fp run` or POST /v1/ops/runs")));
  }

  /**
   * The active run, for an action that writes to its scope (a pack up, down or restart): refused with
   * {@code RUN_DONE} once the run was torn down, since nothing may write to its scope after P12.
   */
  public Future<String> openRunId() {
    return activeRunId().compose(runId -> store.load(runId).compose(records -> {
      PhaseRecord p12 = records.get(Phase.P12);
      return p12.state() == PhaseState.PASSED
          ? Future.failedFuture(OperatorRefusal.conflict("RUN_DONE", "the active run " + runId + " was torn down "
              + "(P12 DONE at " + p12.exitedAtUtc() + "): nothing may write to its run scope; start a fresh run"))
          : Future.succeededFuture(runId);
    }));
  }

  /** Whether a run is in progress in this process now. */
  public boolean busy() {
    Future<RunOutcome> running = current.get();
    return running != null && !running.isComplete();
  }

  /** A run that passed P11 goes on to P12 when asked; any other outcome stands. */
  private Future<RunOutcome> thenTeardown(RunContext ctx, Future<RunOutcome> outcome, boolean teardown) {
    if (!teardown) {
      return outcome;
    }
    return outcome.compose(o -> o.status() != RunOutcome.Status.PASSED || o.platformRunId() == null
        ? Future.succeededFuture(o)
        : store.load(o.platformRunId()).compose(records -> supervisor(ctx).teardown(records)));
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
    if (busy()) {
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
