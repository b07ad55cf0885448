package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
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
   * @param lastPhase the last phase to drive ({@code P11} for {@code fp run}; P12 teardown is the caller's)
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

  /** Continues a stored run from its first phase that has not passed. */
  public Future<RunOutcome> resume(Map<Phase, PhaseRecord> stored) {
    records.putAll(stored);
    Phase from = Phase.P0;
    while (from != null && records.get(from).state() == PhaseState.PASSED) {
      from = from.next();
    }
    LOG.info("resuming run {} at {}", run.runId(), from == null ? "end" : from.label());
    return drive(from == null ? lastPhase.next() : from);
  }

  public Map<Phase, PhaseRecord> records() {
    return Map.copyOf(records);
  }

  private Future<RunOutcome> drive(Phase phase) {
    if (phase == null || phase.ordinal() > lastPhase.ordinal()) {
      return finish(RunOutcome.Status.PASSED, lastPhase, "all phases through " + lastPhase.label() + " passed");
    }
    PhaseHandler handler = handlers.get(phase);
    if (handler == null) {
      String why = phase.label() + " is not yet available in this build";
      return persist(records.get(phase).notAvailable(why))
          .compose(v -> finish(RunOutcome.Status.NOT_AVAILABLE, phase, why));
    }
    LogContext.phase(phase.name());
    long t0 = System.nanoTime();
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
            return persist(started.finish(PhaseState.FAILED, now, ms, null, List.of(), why))
                .compose(v -> finish(RunOutcome.Status.ERROR, phase, why));
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
                .compose(v -> finish(RunOutcome.Status.GATE_FAILED, phase, why));
          }
          LOG.info("{} passed in {} ms; commit evidence {}", phase.label(), ms, evidence);
          return persist(started.finish(PhaseState.PASSED, now, ms, evidence, checks, null))
              .compose(v -> drive(phase.next()));
        });
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
