package dev.fp.control.sr;

import dev.fp.contract.OutputMode;
import dev.fp.contract.WspRunOptions;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseRecord;
import dev.fp.platform.supervisor.PhaseState;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * P5 READY_PUBLISHED: SR runs "run-reuse" for the world P3 sealed and sorted, with the run's equivalence key (a fresh
 * {@code parity_<stamp>} by default; the seed's P5 retry after a failed attempt takes {@code _r<attempt>}, or the key
 * the operator gives; a resume after a crash in P5 reuses the key of the interrupted attempt, recorded in
 * {@code <run>/supervisor/p5_equivalence_key} before SR runs, so it never announces the world twice), commits READY and
 * publishes it on {@code sr-control-bus}. Gate: SR's log lines, the ready signal, run status READY and READY on the
 * control bus for this run. Commit evidence: {@code fraud-platform/<run>/sr/}.
 */
public final class ReadyPublishedPhase implements PhaseHandler {
  static final String KEY_FILE = "supervisor/p5_equivalence_key";
  private final Function<RunContext, World> world;

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
    return equivalenceKey(run).compose(key -> publish(run, key));
  }

  /**
   * The operator's key; else {@code _r<attempt>} after a failed attempt or when the operator asked for a new key; else
   * the interrupted attempt's; else fresh.
   */
  static Future<String> equivalenceKey(RunContext run) {
    Path file = run.runRoot().resolve(KEY_FILE);
    PhaseRecord before = run.previous(Phase.P5);
    return run.vertx().executeBlocking(() -> {
      String key;
      if (run.options().equivalenceKey() != null) {
        key = run.options().equivalenceKey();
      } else if (before.state() == PhaseState.FAILED || run.newEquivalenceKey()) {
        key = SrRequest.defaultEquivalenceKey(run.runId()) + "_r" + (before.attempts() + 1);
      } else if (before.state() == PhaseState.RUNNING && Files.isRegularFile(file)
          && !Files.readString(file).isBlank()) {
        key = Files.readString(file).trim();
      } else {
        key = SrRequest.defaultEquivalenceKey(run.runId());
      }
      // atomically: a kill while writing must not leave an empty key for the resume to pick up
      JsonFiles.writeAtomically(file, (key + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return key;
    });
  }

  private Future<String> publish(RunContext run, String key) {
    World target = world.apply(run);
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
