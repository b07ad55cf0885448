package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import io.vertx.core.Future;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2 DAEMONS_READY: start every pack (start-if-not-running) for the pinned run and probe it. The gate reads each
 * pack's {@code state.json} and {@code status/last_status.json}: recorded for this run, every process running and
 * ready. A pack with no process fails the gate when a phase this build runs needs it; a pack only later phases need
 * (this build stops NOT_AVAILABLE before them) is reported as such. Commit evidence:
 * {@code runs/fraud-platform/<run>/operate/packs_status.json}, the status of all packs. On resume after a restart the
 * packs are started again, so a run killed in P6 streams on.
 */
public final class DaemonsReadyPhase implements PhaseHandler {
  private final PackManager packs;
  private final List<PackSpec> catalog;
  private final java.util.function.Function<String, String> unneededBecause;

  /** Every pack is needed (tests and builds that run every phase). */
  public DaemonsReadyPhase(PackManager packs, List<PackSpec> catalog) {
    this(packs, catalog, pack -> null);
  }

  /**
   * @param unneededBecause pack name → why no phase of this build needs it (e.g. "P9 … is not available in this
   *                        build"), or null when one does
   */
  public DaemonsReadyPhase(PackManager packs, List<PackSpec> catalog,
                           java.util.function.Function<String, String> unneededBecause) {
    this.packs = packs;
    this.catalog = List.copyOf(catalog);
    this.unneededBecause = unneededBecause;
  }

  @Override
  public Future<Void> resume(RunContext run) {
    return enter(run).mapEmpty();
  }

  @Override
  public Phase phase() { return Phase.P2; }

  @Override
  public Future<String> enter(RunContext run) {
    Map<String, Object> statuses = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (PackSpec pack : catalog) {
      chain = chain.compose(v -> packs.up(pack, run.runId()))
          .compose(started -> packs.status(pack, run.runId()))
          .map(status -> {
            statuses.put(pack.name(), status);
            return null;
          });
    }
    Path evidence = run.runRoot().resolve("operate/packs_status.json");
    return chain.compose(v -> run.vertx().executeBlocking(() -> {
      JsonFiles.write(evidence, Map.of("generated_at_utc", Timestamps.now(run.clock()), "packs", statuses));
      return evidence.toString();
    }));
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return run.vertx().executeBlocking(() -> {
      List<GateCheck> checks = new ArrayList<>();
      for (PackSpec pack : catalog) {
        checks.addAll(packChecks(run, pack));
      }
      return checks;
    });
  }

  @SuppressWarnings("unchecked")
  private List<GateCheck> packChecks(RunContext run, PackSpec pack) {
    Path dir = packs.packDir(pack);
    Path stateFile = dir.resolve("state.json");
    Path statusFile = dir.resolve("status/last_status.json");
    String remedy = "restart the pack: fp down, then fp up --serve (or fp run --resume)";
    if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(statusFile)) {
      return List.of(GateCheck.fail("pack_recorded:" + pack.name(), stateFile.toString(), "state.json and last_status.json",
          "missing", remedy));
    }
    Map<String, Object> state = JsonFiles.read(stateFile);
    Map<String, Object> status = JsonFiles.read(statusFile);
    List<GateCheck> checks = new ArrayList<>();
    Object stateRun = state.get("active_platform_run_id");
    checks.add(GateCheck.of(run.runId().equals(stateRun), "pack_run_scope:" + pack.name(), stateFile.toString(),
        run.runId(), String.valueOf(stateRun), "the pack runs for another run; restart it for " + run.runId()));
    for (Map<String, Object> proc : (List<Map<String, Object>>) status.get("processes")) {
      Map<String, Object> readiness = (Map<String, Object>) proc.get("readiness");
      boolean ok = Boolean.TRUE.equals(proc.get("running")) && Boolean.TRUE.equals(readiness.get("ready"));
      checks.add(GateCheck.of(ok, "process_ready:" + pack.name() + "/" + proc.get("process_id"), statusFile.toString(),
          "running and ready", "running=" + proc.get("running") + " reason=" + readiness.get("reason"), remedy));
    }
    if (pack.processes().isEmpty()) {
      String unneeded = unneededBecause.apply(pack.name());
      checks.add(GateCheck.of(unneeded != null, "pack_processes:" + pack.name(), stateFile.toString(),
          "at least one process, or no phase of this build needing the pack",
          unneeded == null ? "no process in this build" : "no process in this build; not needed: " + unneeded,
          "this build has no process for a pack a phase needs: add the component to app/PackCatalog"));
    }
    return checks;
  }
}
