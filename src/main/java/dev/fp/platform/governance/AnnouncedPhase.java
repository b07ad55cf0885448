package dev.fp.platform.governance;

import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * A phase whose entry is a governance fact: before the wrapped entry action runs, the supervisor records
 * {@code family} for the run (dedupe key {@code <family>:<run>}, so a retry or resume records it once). P6's entry is
 * {@code RUN_STARTED}: the run's world starts to flow. The emit must land: a governance writer that cannot record it
 * fails the entry with its reason.
 */
public final class AnnouncedPhase implements PhaseHandler {
  public static final String SUPERVISOR = "supervisor";
  private final PhaseHandler inner;
  private final GovernanceFamily family;

  public AnnouncedPhase(PhaseHandler inner, GovernanceFamily family) {
    this.inner = inner;
    this.family = family;
  }

  @Override
  public Phase phase() { return inner.phase(); }

  @Override
  public Future<String> enter(RunContext run) {
    GovernanceEmit event = GovernanceEmit.system(family, run.runId(), SUPERVISOR,
        family.name().toLowerCase(java.util.Locale.ROOT) + ":" + run.runId(),
        Map.of("phase", inner.phase().label(), "max_events_per_output", run.options().capPerOutput(),
            "mode", run.options().mode()));
    return new GovernanceClient(run.vertx()).emit(event)
        .recover(err -> Future.failedFuture(new IllegalStateException("governance " + family + " not recorded (is the "
            + "obs_gov pack's governance_writer running?): " + err.getMessage(), err)))
        .compose(r -> inner.enter(run));
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) { return inner.gate(run); }

  @Override
  public Future<Void> resume(RunContext run) { return inner.resume(run); }
}
