package dev.fp.platform.supervisor;

import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.log.LogContext;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * P1 RUN_PINNED: mint a fresh platform run id (never reusing a dirty scope), write it to
 * {@code runs/fraud-platform/ACTIVE_RUN_ID} and create the run folder. Commit evidence: the ACTIVE_RUN_ID file.
 */
public final class RunPinnedPhase implements PhaseHandler {
  private static final Logger LOG = Logging.component("supervisor");
  private final PhaseStore store;

  public RunPinnedPhase(PhaseStore store) {
    this.store = store;
  }

  @Override
  public Phase phase() { return Phase.P1; }

  @Override
  public Future<String> enter(RunContext run) {
    Path runsRoot = run.config().runsRoot();
    Future<String> id = run.pinned() ? Future.succeededFuture(run.runId()) : run.vertx().executeBlocking(() -> {
      String fresh = new PlatformRunIds(run.clock()).startNew(runsRoot);
      Files.createDirectories(run.config().platformRoot().resolve(fresh));
      return fresh;
    });
    return id.compose(runId -> {
      run.pin(runId);
      LogContext.runId(runId);
      LOG.info("run pinned: {}", runId);
      return store.createRun(run).map(v -> {
        run.pinRecorded();
        return activeRunFile(run).toString();
      });
    });
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return run.vertx().executeBlocking(() -> {
      Path active = activeRunFile(run);
      String content = Files.isRegularFile(active) ? Files.readString(active).trim() : "<missing>";
      Path folder = run.runRoot();
      return List.of(
          GateCheck.of(content.equals(run.runId()), "active_run_id_matches", active.toString(), run.runId(), content,
              "another process re-pinned the run; start a fresh run with `fp run`"),
          GateCheck.of(Files.isDirectory(folder), "run_folder_exists", folder.toString(), "directory",
              Files.isDirectory(folder) ? "directory" : "missing", "check write access to " + folder.getParent()));
    });
  }

  static Path activeRunFile(RunContext run) {
    return PlatformRunIds.activeRunFile(run.config().runsRoot());
  }
}
