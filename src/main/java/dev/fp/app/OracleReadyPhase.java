package dev.fp.app;

import dev.fp.platform.FileTrees;
import dev.fp.contract.OutputMode;
import dev.fp.oracle.OracleP3;
import dev.fp.oracle.P3Request;
import dev.fp.oracle.P3Result;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.world.WorldGenerator;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;

/**
 * P3 ORACLE_READY: (a) sync the run's world into the Oracle Store (generating it first when the local engine run root
 * does not exist yet), (b) pack + seal, (c) stream-sort every output the run's mode requires, skipping outputs with a
 * valid receipt. Gate: the seal, and per output its parts, manifest and receipt. Commit evidence: the seal. The
 * seed's P3 retry: on a resume with {@code --reset-output}, only those outputs' stream views are deleted first, so
 * their sort runs again while the others keep their receipts.
 */
public final class OracleReadyPhase implements PhaseHandler {
  private static final org.slf4j.Logger LOG = dev.fp.platform.log.Logging.component("supervisor");
  private final OracleP3 oracle;

  public OracleReadyPhase(OracleP3 oracle) {
    this.oracle = oracle;
  }

  @Override
  public Phase phase() { return Phase.P3; }

  /** The world plan and P3 request of a run (derived, so a resume sees the same world). */
  public static P3Request request(RunContext run) {
    WorldPlan plan = plan(run);
    List<String> outputs = OutputMode.valueOf(run.options().mode().toUpperCase(Locale.ROOT)).requiredOutputs();
    return new P3Request(plan.localRoot().toString(), plan.engineRunRoot(), plan.params().scenarioId(),
        plan.engineRelease(), null, null, outputs, new dev.fp.oracle.sort.SortSettings(plan.sortMemoryMb(),
        dev.fp.oracle.sort.SortSettings.DEFAULT_ROWS_PER_PART, run.config().runsRoot().resolve("tmp/sort"),
        dev.fp.oracle.sort.SortSettings.DEFAULT_PROGRESS_SECONDS));
  }

  public static WorldPlan plan(RunContext run) {
    return WorldPlan.from(run.config().components().section("world"), run.config().runsRoot(),
        run.options().capPerOutput());
  }

  @Override
  public Future<String> enter(RunContext run) {
    WorldPlan plan = plan(run);
    P3Request request = request(run);
    for (String output : run.resetOutputs()) {
      if (!request.outputIds().contains(output)) {
        return Future.failedFuture(new IllegalArgumentException("--reset-output " + output + " is not an output of "
            + "this run (its outputs: " + String.join(", ", request.outputIds()) + ")"));
      }
    }
    Future<Void> reset = Future.succeededFuture();
    for (String output : run.resetOutputs()) {
      reset = reset.compose(v -> oracle.resetOutput(request, output).map(deleted -> {
        LOG.info("P3 retry: deleted {} object(s) of the stream view of {}", deleted, output);
        return null;
      }));
    }
    return reset
        .compose(v -> run.vertx().executeBlocking(() -> {
          generateWorld(plan);
          return null;
        }, false))
        .compose(world -> oracle.run(request))
        .compose(result -> {
          List<P3Result.OutputResult> failed = result.outputs().stream().filter(o -> "FAILED".equals(o.status())).toList();
          if (!failed.isEmpty()) {
            P3Result.OutputResult f = failed.get(0);
            return Future.failedFuture(new IllegalStateException(f.code() + " for " + f.outputId() + ": " + f.detail()
                + " (remedy: " + f.remedy() + ")"));
          }
          return Future.succeededFuture(result.sealLocator());
        });
  }

  /**
   * Generates the world into {@code <root>.staging-<pid>} and moves it into place in one step, so a process killed
   * mid-generation leaves no half world where the resume looks (the generator refuses a non-empty folder without its
   * receipt); staging folders of processes that are gone are deleted first. A world already in place is kept.
   */
  static void generateWorld(WorldPlan plan) throws IOException {
    Path root = plan.localRoot();
    if (Files.isRegularFile(root.resolve(WorldGenerator.RECEIPT))) {
      new WorldGenerator(plan.params(), root).generate(); // verifies it is this world; writes nothing
      return;
    }
    Files.createDirectories(root.getParent());
    String prefix = root.getFileName() + ".staging-";
    try (Stream<Path> siblings = Files.list(root.getParent())) {
      for (Path stale : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        long pid = Long.parseLong(stale.getFileName().toString().substring(prefix.length()));
        if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
          LOG.info("P3: deleting the staging folder {} of a process that is gone", stale);
          FileTrees.delete(stale);
        }
      }
    }
    Path staging = root.resolveSibling(prefix + ProcessHandle.current().pid());
    FileTrees.delete(staging);
    new WorldGenerator(plan.params(), staging).generate();
    Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return oracle.checkGate(request(run)).map(checks -> checks.stream()
        .map(c -> GateCheck.of(c.pass(), c.name(), c.evidence(), "present and valid", c.detail(), c.remedy()))
        .toList());
  }
}
