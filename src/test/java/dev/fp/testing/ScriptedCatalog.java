package dev.fp.testing;

import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.supervisor.DaemonsReadyPhase;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunPinnedPhase;
import dev.fp.platform.supervisor.SubstrateReadyPhase;
import dev.fp.platform.supervisor.TeardownPhase;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A build for operator tests: the kernel's real P0, P1, P2 (over two packs, {@code rtdl_core} with a {@link Heartbeat}
 * that writes to the run scope and {@code obs_gov} with a reporter that does not) and P12, and scripted P3..P11 whose
 * gates fail on the attempts a test names. Every attempt is recorded with what the operator passed to it.
 */
public final class ScriptedCatalog implements Catalog {
  /** What one attempt of a scripted phase saw. */
  public record Attempt(Phase phase, int attempt, String previousState, List<String> resetOutputs, boolean newKey,
                        long cap) {
  }

  private final Map<Phase, List<Integer>> failingAttempts = new EnumMap<>(Phase.class);
  public final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

  /** The gate of {@code phase} fails on these attempts (1-based) and passes on the others. */
  public ScriptedCatalog failing(Phase phase, Integer... attemptNumbers) {
    failingAttempts.put(phase, List.of(attemptNumbers));
    return this;
  }

  @Override
  public List<PackSpec> packs(PlatformServices services) {
    return List.of(
        new PackSpec("rtdl_core", List.of(ProcessSpec.forRun("heartbeat", run -> new Heartbeat(services, run)))),
        new PackSpec("obs_gov", List.of(ProcessSpec.of("reporter", () -> new io.vertx.core.VerticleBase() {
        }))));
  }

  @Override
  public List<PhaseHandler> phases(PhaseStore store, PlatformRuntime rt) {
    List<PackSpec> packs = packs(rt.services());
    List<PhaseHandler> all = new ArrayList<>(List.of(new SubstrateReadyPhase(), new RunPinnedPhase(store),
        new DaemonsReadyPhase(rt.packs(), packs)));
    for (Phase p = Phase.P3; p != Phase.P12; p = p.next()) {
      all.add(scripted(p));
    }
    all.add(new TeardownPhase(rt.packs(), packs));
    return all;
  }

  private PhaseHandler scripted(Phase phase) {
    return new PhaseHandler() {
      @Override
      public Phase phase() { return phase; }

      @Override
      public Future<String> enter(RunContext run) {
        return Future.succeededFuture("scripted/" + phase.name());
      }

      @Override
      public Future<List<GateCheck>> gate(RunContext run) {
        int attempt = run.previous(phase).attempts() + 1;
        attempts.add(new Attempt(phase, attempt, run.previous(phase).state().name(), run.resetOutputs(),
            run.newEquivalenceKey(), run.options().capPerOutput()));
        boolean pass = !failingAttempts.getOrDefault(phase, List.of()).contains(attempt);
        return Future.succeededFuture(List.of(GateCheck.of(pass, "scripted:" + phase.name(), "the test's script",
            "pass", pass ? "pass" : "fail on attempt " + attempt, "retry " + phase.name())));
      }
    };
  }

  /** The attempts of {@code phase}, in order. */
  public List<Attempt> of(Phase phase) {
    return attempts.stream().filter(a -> a.phase() == phase).toList();
  }
}
