package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P12 DONE (the seed's optional teardown): stops the packs in reverse start order (each drains and commits its
 * checkpoints in its {@code stop()}), captures each pack's final {@code status/last_status.json} (state STOPPED),
 * then fingerprints the run scope ({@link RunScope}). Commit evidence: {@code <run>/supervisor/p12_teardown.json}.
 * Gate: every pack's {@code state.json} and last status show no process running for this run, no process of a pack is
 * deployed in this process, and the run scope is unchanged since the teardown finished.
 */
public final class TeardownPhase implements PhaseHandler {
  public static final String EVIDENCE = "supervisor/p12_teardown.json";
  private static final Logger LOG = Logging.component("supervisor");
  private final PackManager packs;
  private final List<PackSpec> startOrder;

  /** @param startOrder the packs in the order P2 started them; P12 stops them the other way round */
  public TeardownPhase(PackManager packs, List<PackSpec> startOrder) {
    this.packs = packs;
    this.startOrder = List.copyOf(startOrder);
  }

  @Override
  public Phase phase() { return Phase.P12; }

  @Override
  public Future<String> enter(RunContext run) {
    List<PackSpec> stopOrder = new ArrayList<>(startOrder);
    Collections.reverse(stopOrder);
    List<Map<String, Object>> stopped = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (PackSpec pack : stopOrder) {
      chain = chain.compose(v -> packs.down(pack, run.runId()))
          .compose(processes -> packs.status(pack, run.runId()).map(status -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pack_id", status.get("pack_id"));
            row.put("stopped_processes", processes);
            row.put("state", status.get("state"));
            row.put("status_file", packs.packDir(pack).resolve("status/last_status.json").toString());
            stopped.add(row);
            LOG.info("P12: pack {} stopped ({})", status.get("pack_id"), processes);
            return null;
          }));
    }
    Path evidence = run.runRoot().resolve(EVIDENCE);
    return chain.compose(v -> RunScope.measure(run)).compose(scope -> run.vertx().executeBlocking(() -> {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("platform_run_id", run.runId());
      doc.put("generated_at_utc", Timestamps.now(run.clock()));
      doc.put("stop_order", stopOrder.stream().map(PackSpec::name).toList());
      doc.put("packs", stopped);
      doc.put("run_scope", scope.toMap());
      JsonFiles.write(evidence, doc);
      return evidence.toString();
    }));
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    Path evidence = run.runRoot().resolve(EVIDENCE);
    return run.vertx().executeBlocking(() -> packChecks(run)).compose(checks -> RunScope.measure(run)
        .compose(now -> run.vertx().executeBlocking(() -> {
          List<GateCheck> all = new ArrayList<>(checks);
          all.add(unchanged(evidence, now));
          return all;
        })));
  }

  /** Per pack: its state file and last status show nothing running for this run, and nothing is deployed here. */
  @SuppressWarnings("unchecked")
  private List<GateCheck> packChecks(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    for (PackSpec pack : startOrder) {
      Path stateFile = packs.packDir(pack).resolve("state.json");
      Path statusFile = packs.packDir(pack).resolve("status/last_status.json");
      Map<String, Object> state = Files.isRegularFile(stateFile) ? JsonFiles.read(stateFile) : Map.of();
      List<String> runningInState = new ArrayList<>();
      ((Map<String, Map<String, Object>>) state.getOrDefault("processes", Map.of())).forEach((id, row) -> {
        if (Boolean.TRUE.equals(row.get("running"))) {
          runningInState.add(id);
        }
      });
      boolean ownRun = run.runId().equals(state.get("active_platform_run_id"));
      checks.add(GateCheck.of(ownRun && runningInState.isEmpty(), "pack_stopped:" + pack.name(), stateFile.toString(),
          "active_platform_run_id=" + run.runId() + ", no process running",
          "active_platform_run_id=" + state.get("active_platform_run_id") + ", running=" + runningInState,
          "stop the pack: POST /v1/ops/packs/" + pack.name() + "/down, then retry the teardown"));
      Map<String, Object> status = Files.isRegularFile(statusFile) ? JsonFiles.read(statusFile) : Map.of();
      boolean captured = run.runId().equals(status.get("active_platform_run_id")) && "STOPPED".equals(status.get("state"));
      checks.add(GateCheck.of(captured, "status_captured:" + pack.name(), statusFile.toString(),
          "state=STOPPED for " + run.runId(),
          "state=" + status.get("state") + " for " + status.get("active_platform_run_id"),
          "retry the teardown (fp down, or POST /v1/ops/runs/" + run.runId() + "/teardown)"));
      List<String> deployed = packs.running(pack);
      checks.add(GateCheck.of(deployed.isEmpty(), "no_process_deployed:" + pack.name(),
          "deployments of this process", "none", deployed.isEmpty() ? "none" : String.join(",", deployed),
          "a process was started again after the teardown: stop it and retry the teardown"));
    }
    return checks;
  }

  private static GateCheck unchanged(Path evidence, RunScope now) {
    if (!Files.isRegularFile(evidence)) {
      return GateCheck.fail("run_scope_unchanged", evidence.toString(), "the teardown's fingerprint", "missing",
          "retry the teardown");
    }
    @SuppressWarnings("unchecked")
    RunScope atTeardown = RunScope.fromMap((Map<String, Object>) JsonFiles.read(evidence).get("run_scope"));
    return GateCheck.of(atTeardown.equals(now), "run_scope_unchanged", evidence + " (run_scope) vs a new listing",
        atTeardown.summary(), now.summary(),
        "something still writes to the run scope after its packs stopped: find it with the files and objects newer "
            + "than " + evidence.getFileName() + ", stop it, and retry the teardown");
  }
}
