package dev.fp.control.sr;

import dev.fp.contract.WspRunOptions;
import dev.fp.app.OracleReadyPhase;
import dev.fp.contract.OutputMode;
import dev.fp.app.WorldPlan;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;

/**
 * P5 READY_PUBLISHED: SR runs "run-reuse" for the world P3 sealed and sorted, with the run's equivalence key (a fresh
 * {@code parity_<stamp>} by default; a retry after a terminal SR state takes {@code _r<attempt>}), commits READY and
 * publishes it on {@code sr-control-bus}. Gate: SR's log lines, the ready signal, run status READY and READY on the
 * control bus for this run. Commit evidence: {@code fraud-platform/<run>/sr/}.
 */
public final class ReadyPublishedPhase implements PhaseHandler {
  private int attempts;

  @Override
  public Phase phase() { return Phase.P5; }

  @Override
  public Future<String> enter(RunContext run) {
    attempts++;
    WorldPlan plan = OracleReadyPhase.plan(run);
    String key = run.options().equivalenceKey() != null ? run.options().equivalenceKey()
        : SrRequest.defaultEquivalenceKey(run.runId()) + (attempts > 1 ? "_r" + attempts : "");
    OutputMode mode = OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT));
    SrService sr = SrService.create(run.vertx(), run.substrate(), run.clock());
    // WSP streams the READY with the run's own cap, mode and pacing (a run-scoped record, read in any JVM).
    WspRunOptions wsp = new WspRunOptions(run.options().capPerOutput(), run.options().mode(), run.options().speedup());
    SrRequest request = SrRequest.of(run.runId(), key, plan.engineRunRoot(), plan.params().scenarioId(), mode);
    return wsp.write(run.substrate().objectStore(), run.runId())
        .compose(v -> sr.run(request))
        .compose(result -> result.readyPublished() ? Future.succeededFuture(sr.commitEvidenceRef(run.runId()))
            : Future.failedFuture(new IllegalStateException("SR ended " + result.state() + " (" + result.reasonCode()
                + ") " + result.problems())));
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return SrService.create(run.vertx(), run.substrate(), run.clock()).checkP5(run.runId());
  }
}
