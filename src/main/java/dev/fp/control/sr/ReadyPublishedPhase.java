package dev.fp.control.sr;

import dev.fp.contract.OutputMode;
import dev.fp.contract.WspRunOptions;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * P5 READY_PUBLISHED: SR runs "run-reuse" for the world P3 sealed and sorted, with the run's equivalence key (a fresh
 * {@code parity_<stamp>} by default; a retry after a terminal SR state takes {@code _r<attempt>}), commits READY and
 * publishes it on {@code sr-control-bus}. Gate: SR's log lines, the ready signal, run status READY and READY on the
 * control bus for this run. Commit evidence: {@code fraud-platform/<run>/sr/}.
 */
public final class ReadyPublishedPhase implements PhaseHandler {
  private final Function<RunContext, World> world;
  private int attempts;

  /** The world a run's READY announces: the engine run root P3 synced it to, and its scenario. */
  public record World(String engineRunRoot, String scenarioId) {
  }

  /** @param world the world P3 prepared for a run (the composition root derives it as P3 did) */
  public ReadyPublishedPhase(Function<RunContext, World> world) {
    this.world = world;
  }

  @Override
  public Phase phase() { return Phase.P5; }

  @Override
  public Future<String> enter(RunContext run) {
    attempts++;
    World target = world.apply(run);
    String key = run.options().equivalenceKey() != null ? run.options().equivalenceKey()
        : SrRequest.defaultEquivalenceKey(run.runId()) + (attempts > 1 ? "_r" + attempts : "");
    OutputMode mode = OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT));
    SrService sr = SrService.create(run.vertx(), run.substrate(), run.clock());
    // WSP streams the READY with the run's own cap, mode and pacing (a run-scoped record, read in any JVM).
    WspRunOptions wsp = new WspRunOptions(run.options().capPerOutput(), run.options().mode(), run.options().speedup());
    SrRequest request = SrRequest.of(run.runId(), key, target.engineRunRoot(), target.scenarioId(), mode);
    return run.substrate().objectStore().put(WspRunOptions.BUCKET, WspRunOptions.key(run.runId()),
            Buffer.buffer(wsp.toBytes(run.runId())))
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
