package dev.fp.platform.stream;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.health.HealthArtifacts;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.OffsetOrder;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P8 RTDL_CAUGHT_UP. Entry: start (or confirm) the {@code rtdl_core} pack for the run. Exit gate, for every projector
 * the catalog put in the pack: its durable checkpoints (StateStore, group {@code <name>.v0::<run>}) have reached the
 * P7 log end offsets of every partition of the topics it consumes — polled while they make progress
 * ({@link CatchUpBounds}: {@code components.supervisor.p8_stall_seconds}, ceiling {@code p8_timeout_seconds}) — its
 * health file says GREEN, and its own closeout checks
 * pass (AW: something archived; IEG: reconciliation present). Commit evidence:
 * {@code runs/fraud-platform/<run>/}{@value #EVIDENCE}: each projector's checkpoints, targets and artifact paths.
 */
public final class CaughtUpPhase extends PackCatchUpPhase {
  static final String EVIDENCE = "supervisor/p8_rtdl_caught_up.json";

  private final List<Projector> projectors;

  /** What one projector had reached when the gate looked. */
  record Progress(Projector projector, Map<TopicPartition, Checkpoint> checkpoints, List<String> behind,
                          int targets) {
  }

  public CaughtUpPhase(PackManager packs, PackSpec pack, List<Projector> projectors, CatchUpBounds bounds) {
    super(packs, pack, bounds, EVIDENCE);
    this.projectors = List.copyOf(projectors);
  }

  @Override
  public Phase phase() { return Phase.P8; }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return withP7Ends(run, (ends, endsFile) -> {
      return run.substrate().stateStore()
          .compose(store -> waitFor(run, () -> progress(run, store, projectors, ends).map(l -> new Standing(l, null)),
              standing -> standing.allReached() ? healthWritten(run, projectors) : Future.succeededFuture(false)))
          .compose(waited -> checks(run, ends, endsFile, waited));
    });
  }

  /** Whether every projector has written its health file (a file-system check: on a worker, never the event loop). */
  static Future<Boolean> healthWritten(RunContext run, List<Projector> projectors) {
    return run.vertx().executeBlocking(() -> projectors.stream()
        .allMatch(p -> java.nio.file.Files.isRegularFile(healthFile(run, p))));
  }

  static Progress progressOf(Projector p, Map<TopicPartition, Checkpoint> cps, LogEndOffsets ends) {
    List<String> behind = new ArrayList<>();
    int targets = 0;
    for (LogEndOffsets.End e : ends.partitions()) {
      if (!p.topics().contains(e.topic()) || e.endOffset() == null) {
        continue;
      }
      targets++;
      Checkpoint cp = cps.get(new TopicPartition(e.topic(), e.partition()));
      String at = cp == null ? null : cp.offset();
      if (!OffsetOrder.reached(at, e.endOffset())) {
        behind.add(e.topic() + "/" + e.partition() + " at " + (at == null ? "nothing" : at) + " < " + e.endOffset());
      }
    }
    return new Progress(p, cps, behind, targets);
  }

  private Future<List<GateCheck>> checks(RunContext run, LogEndOffsets ends, Path endsFile, Waited waited) {
    List<Progress> progress = waited.last().progress();
    List<GateCheck> checks = new ArrayList<>();
    checks.add(GateCheck.pass("p7_log_end_offsets", endsFile.toString(), ends.summary()));
    for (Progress p : progress) {
      String process = p.projector().process().processId();
      checks.add(GateCheck.of(p.behind().isEmpty(), "checkpoint_reached:" + process,
          "StateStore checkpoints of " + p.projector().groupId(run.runId()),
          "at or after the P7 end offset on " + p.targets() + " partition(s)",
          p.behind().isEmpty() ? "reached on " + p.targets() + " partition(s)" : String.join("; ", p.behind()),
          remedy(waited, process, "the projector")));
    }
    return run.vertx().executeBlocking(() -> healthChecks(run, projectors))
        .compose(health -> {
          checks.addAll(health);
          List<Future<List<GateCheck>>> own = projectors.stream().map(p -> p.closeout().apply(run)).toList();
          return Future.all(own).map(all -> {
            own.forEach(f -> checks.addAll(f.result()));
            return null;
          });
        })
        .compose(v -> run.vertx().executeBlocking(() -> {
          writeEvidence(run, endsFile, progress);
          return checks;
        }));
  }

  /** One check per projector: its health file says GREEN. Blocking. */
  static List<GateCheck> healthChecks(RunContext run, List<Projector> projectors) {
    HealthArtifacts artifacts = new HealthArtifacts(run.config().platformRoot(), run.clock());
    List<GateCheck> out = new ArrayList<>();
    for (Projector p : projectors) {
      HealthReport h = artifacts.read(run.runId(), p.directory());
      out.add(GateCheck.of(h.state() == HealthState.GREEN, "health_green:" + p.process().processId(),
          healthFile(run, p).toString(), "GREEN", h.state() + " " + h.reasons(),
          "read the health reasons and the process log of " + p.process().processId()));
    }
    return out;
  }

  static Path healthFile(RunContext run, Projector p) {
    return run.runRoot().resolve(p.directory()).resolve("health/last_health.json");
  }

  private void writeEvidence(RunContext run, Path endsFile, List<Progress> progress) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Progress p : progress) {
      Map<String, Object> row = evidenceRow(run, p);
      row.put("metrics", run.runRoot().resolve(p.projector().directory()).resolve("metrics/last_metrics.json")
          .toString());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", run.runId());
    doc.put("generated_at_utc", Timestamps.now(run.clock()));
    doc.put("p7_log_end_offsets", endsFile.toString());
    doc.put("projectors", rows);
    JsonFiles.write(run.runRoot().resolve(EVIDENCE), doc);
  }
}
