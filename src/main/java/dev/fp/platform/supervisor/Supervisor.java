package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
import dev.fp.platform.SubstrateUnavailableException;
import dev.fp.platform.log.LogContext;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Drives one platform run through P0..P12: for each phase, the entry action, then the exit gate; a phase passes
 * only when every gate check passes, and the run stops at the first phase that fails or that this build cannot
 * run yet. Every transition is persisted before the next step, so a restarted process resumes at the stored
 * phase. Phases recorded before P1 pins the run are persisted as soon as it is pinned.
 */
public final class Supervisor {
  private static final Logger LOG = Logging.component("supervisor");
  private final RunContext run;
  private final Map<Phase, PhaseHandler> handlers = new EnumMap<>(Phase.class);
  private final PhaseStore store;
  private final Phase lastPhase;
  private final Map<Phase, PhaseRecord> records = new EnumMap<>(Phase.class);
  private boolean backlogSaved;

  /**
   * @param lastPhase the last phase to drive ({@code P11} for {@code fp run}); P12 runs only through
   *                  {@link #teardown}, on an operator's request or after P11 passed
   */
  public Supervisor(RunContext run, List<PhaseHandler> phaseHandlers, PhaseStore store, Phase lastPhase) {
    this.run = run;
    this.store = store;
    this.lastPhase = lastPhase;
    phaseHandlers.forEach(h -> handlers.put(h.phase(), h));
    for (Phase p : Phase.values()) {
      records.put(p, PhaseRecord.pending(p));
    }
  }

  /** Starts from P0 with a fresh record set. */
  public Future<RunOutcome> run() {
    return drive(Phase.P0);
  }

  /**
   * Continues a stored run from its first phase that has not passed. A phase left RUNNING (the process died in it)
   * is re-entered; a FAILED one only where the seed allows a retry ({@link Phase#retryAllowed()}), else the resume is
   * refused with the reason and nothing is recorded. Before driving on, every passed phase re-establishes what the
   * later ones need in this process ({@link PhaseHandler#resume}: P2 starts the packs again).
   */
  public Future<RunOutcome> resume(Map<Phase, PhaseRecord> stored) {
    records.putAll(stored);
    Phase from = Phase.P0;
    while (from != null && records.get(from).state() == PhaseState.PASSED) {
      from = from.next();
    }
    if (from == null || from.ordinal() > lastPhase.ordinal()) {
      return drive(null);
    }
    PhaseRecord at = records.get(from);
    if (at.state() == PhaseState.FAILED && !from.retryAllowed()) {
      String why = from.label() + " failed and the seed allows no retry of it (retries: P3 per output, P5 with a new "
          + "equivalence key or lease, P6 with caps, P11): start a fresh run with `fp run`; it failed with: "
          + at.failure();
      LOG.warn("refusing to resume run {}: {}", run.runId(), why);
      return Future.succeededFuture(new RunOutcome(run.runId(), RunOutcome.Status.RETRY_REFUSED, from, why,
          Map.copyOf(records)));
    }
    Phase resumeAt = from;
    LOG.info("resuming run {} at {} ({})", run.runId(), resumeAt.label(), at.state());
    // the run is in progress again until this attempt finishes (pollers wait for the status to leave RUNNING)
    Future<Void> restored = store.setRunStatus(run.runId(), "RUNNING");
    for (Phase passed : Phase.values()) {
      PhaseHandler h = handlers.get(passed);
      if (passed.ordinal() < resumeAt.ordinal() && h != null) {
        restored = restored.compose(v -> h.resume(run));
      }
    }
    return restored.transform(ar -> {
      if (ar.failed()) {
        String why = "resume could not restore what " + resumeAt.label() + " needs: " + ar.cause().getMessage();
        LOG.error(why, ar.cause());
        return finish(RunOutcome.Status.ERROR, resumeAt, why);
      }
      return drive(resumeAt);
    });
  }

  public Map<Phase, PhaseRecord> records() {
    return Map.copyOf(records);
  }

  /**
   * P12 teardown of a stored run, on an operator's request or after P11 passed: runs only the P12 handler, whatever
   * phase the run stopped at, and leaves the run's status as it was (P12's record says DONE). Refused when P12 already
   * passed (the run scope is closed) or when this build has no P12 handler.
   */
  public Future<RunOutcome> teardown(Map<Phase, PhaseRecord> stored) {
    records.putAll(stored);
    backlogSaved = true;
    Phase stop = firstNotPassed();
    if (records.get(Phase.P12).state() == PhaseState.PASSED) {
      return Future.succeededFuture(new RunOutcome(run.runId(), RunOutcome.Status.RETRY_REFUSED, Phase.P12,
          "run " + run.runId() + " was already torn down at " + records.get(Phase.P12).exitedAtUtc()
              + ": its run scope is closed; start a fresh run with `fp run`", Map.copyOf(records)));
    }
    if (!handlers.containsKey(Phase.P12)) {
      return Future.succeededFuture(new RunOutcome(run.runId(), RunOutcome.Status.NOT_AVAILABLE, Phase.P12,
          Phase.P12.label() + " is not yet available in this build", Map.copyOf(records)));
    }
    LOG.info("tearing down run {} (stopped at {})", run.runId(), stop == null ? "its end" : stop.label());
    return attempt(Phase.P12).map(failed -> {
      LogContext.phase(null);
      return failed != null ? failed : new RunOutcome(run.runId(), RunOutcome.Status.PASSED, Phase.P12,
          Phase.P12.label() + " passed: packs stopped, final status captured, run scope closed",
          Map.copyOf(records));
    });
  }

  private Phase firstNotPassed() {
    for (Phase p : Phase.values()) {
      if (records.get(p).state() != PhaseState.PASSED) {
        return p;
      }
    }
    return null;
  }

  private Future<RunOutcome> drive(Phase phase) {
    if (phase == null || phase.ordinal() > lastPhase.ordinal()) {
      return finish(RunOutcome.Status.PASSED, lastPhase, "all phases through " + lastPhase.label() + " passed");
    }
    if (!handlers.containsKey(phase)) {
      String why = phase.label() + " is not yet available in this build";
      return persist(records.get(phase).notAvailable(why))
          .compose(v -> finish(RunOutcome.Status.NOT_AVAILABLE, phase, why));
    }
    return attempt(phase).compose(failed -> failed == null ? drive(phase.next())
        : finish(failed.status(), phase, failed.message()));
  }

  /**
   * One attempt at {@code phase}: entry action, then gate, each transition persisted. Completes with null when the
   * phase passed, else with the (not yet finished) outcome that stops the run.
   */
  private Future<RunOutcome> attempt(Phase phase) {
    PhaseHandler handler = handlers.get(phase);
    LogContext.phase(phase.name());
    long t0 = System.nanoTime();
    run.before(records.get(phase));
    PhaseRecord started = records.get(phase).start(Timestamps.now(run.clock()));
    LOG.info("{} entering (attempt {})", phase.label(), started.attempts());
    return persist(started)
        .compose(v -> handler.enter(run))
        .compose(evidence -> handler.gate(run).map(checks -> new Object[] {evidence, checks}))
        .transform(ar -> {
          long ms = (System.nanoTime() - t0) / 1_000_000;
          String now = Timestamps.now(run.clock());
          if (ar.failed()) {
            String why = phase.label() + " entry action failed: " + ar.cause().getMessage();
            LOG.error(why, ar.cause());
            RunOutcome.Status status = unavailable(ar.cause()) ? RunOutcome.Status.SUBSTRATE_UNAVAILABLE
                : RunOutcome.Status.ERROR;
            return persist(started.finish(PhaseState.FAILED, now, ms, null, List.of(), why))
                .map(v -> stopped(status, phase, why));
          }
          String evidence = (String) ar.result()[0];
          @SuppressWarnings("unchecked")
          List<GateCheck> checks = (List<GateCheck>) ar.result()[1];
          List<GateCheck> failed = checks.stream().filter(c -> !c.pass()).toList();
          if (!failed.isEmpty()) {
            String why = phase.label() + " gate failed:\n" + String.join("\n",
                failed.stream().map(GateCheck::explain).toList());
            LOG.warn(why);
            return persist(started.finish(PhaseState.FAILED, now, ms, evidence, checks, why))
                .map(v -> stopped(RunOutcome.Status.GATE_FAILED, phase, why));
          }
          LOG.info("{} passed in {} ms; commit evidence {}", phase.label(), ms, evidence);
          return persist(started.finish(PhaseState.PASSED, now, ms, evidence, checks, null))
              .map(v -> (RunOutcome) null);
        });
  }

  private RunOutcome stopped(RunOutcome.Status status, Phase at, String why) {
    return new RunOutcome(run.pinned() ? run.runId() : null, status, at, why, Map.copyOf(records));
  }

  private static boolean unavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SubstrateUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private Future<Void> persist(PhaseRecord r) {
    records.put(r.phase(), r);
    if (!run.pinned()) {
      return Future.succeededFuture();
    }
    Future<Void> chain = Future.succeededFuture();
    if (!backlogSaved) {
      // The first save after pinning also stores the phases recorded before the run existed.
      backlogSaved = true;
      for (PhaseRecord each : records.values()) {
        if (each.phase().ordinal() < r.phase().ordinal() && each.state() != PhaseState.PENDING) {
          chain = chain.compose(v -> store.save(run.runId(), each, records));
        }
      }
    }
    return chain.compose(v -> store.save(run.runId(), r, records));
  }

  private Future<RunOutcome> finish(RunOutcome.Status status, Phase at, String message) {
    LogContext.phase(null);
    RunOutcome outcome = new RunOutcome(run.pinned() ? run.runId() : null, status, at, message, Map.copyOf(records));
    if (!run.pinned()) {
      run.failPin(message);
      return Future.succeededFuture(outcome);
    }
    Promise<RunOutcome> done = Promise.promise();
    store.setRunStatus(run.runId(), status.name()).onComplete(ar -> done.complete(outcome));
    return done.future();
  }
}
