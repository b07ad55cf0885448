package dev.fp.platform.stream;

import dev.fp.contract.Timestamps;
import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P9 DECISION_CHAIN_COMMITTED. Entry: start (or confirm) the {@code rtdl_decision_lane} pack. Exit gate: the
 * deciders (DF: traffic topics) have reached the P7 log end offsets; then the consumers of the rtdl topic (AL, DLA)
 * have reached its end <em>as it stands once the deciders are done</em> — measured again after they reach it, because
 * AL's outcomes extend it, until it stops moving; every member's health is GREEN; and each member's own closeout checks
 * pass (AL: intake equals outcomes; DLA: audit records present, no unresolved lineage; DF: decisions published).
 * Waits at most {@code components.supervisor.p9_timeout_seconds}. Commit evidence:
 * {@code runs/fraud-platform/<run>/}{@value #EVIDENCE}.
 */
public final class DecisionChainPhase implements PhaseHandler {
  static final String EVIDENCE = "supervisor/p9_decision_chain_committed.json";
  public static final int DEFAULT_TIMEOUT_SECONDS = 300;
  private static final long POLL_MS = 250;

  private final PackManager packs;
  private final PackSpec pack;
  private final List<Projector> deciders;
  private final List<Projector> followers;
  private final Duration timeout;

  /** Where the gate stood when it stopped waiting: each member's progress and the rtdl end it was held to. */
  private record Standing(List<CaughtUpPhase.Progress> progress, LogEndOffsets rtdlEnd) {
  }

  /**
   * @param deciders  members whose targets are the P7 end offsets of their topics
   * @param followers members that consume {@code fp.bus.rtdl.v1}, held to its live end
   */
  public DecisionChainPhase(PackManager packs, PackSpec pack, List<Projector> deciders, List<Projector> followers,
                            Duration timeout) {
    this.packs = packs;
    this.pack = pack;
    this.deciders = List.copyOf(deciders);
    this.followers = List.copyOf(followers);
    this.timeout = timeout;
  }

  @Override
  public Phase phase() { return Phase.P9; }

  @Override
  public Future<String> enter(RunContext run) {
    return packs.up(pack, run.runId()).compose(started -> packs.status(pack, run.runId()))
        .map(status -> run.runRoot().resolve(EVIDENCE).toString());
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    Path endsFile = LogEndOffsets.path(run.config().platformRoot(), run.runId());
    return run.vertx().executeBlocking(() -> LogEndOffsets.read(run.config().platformRoot(), run.runId()))
        .compose(ends -> {
          if (ends.isEmpty()) {
            return Future.succeededFuture(List.of(GateCheck.fail("p7_log_end_offsets", endsFile.toString(),
                "P7's log end offsets", "missing", "pass P7 first (fp run --resume)")));
          }
          long deadline = System.nanoTime() + timeout.toNanos();
          return run.substrate().stateStore()
              .compose(store -> waitForChain(run, store, ends.get(), deadline))
              .compose(standing -> checks(run, standing));
        });
  }

  private Future<Standing> waitForChain(RunContext run, StateStore store, LogEndOffsets p7, long deadline) {
    return progress(run, store, deciders, p7).compose(decided -> {
      boolean decidersDone = decided.stream().allMatch(p -> p.behind().isEmpty());
      Future<Standing> look = !decidersDone ? progress(run, store, followers, p7)
          .map(f -> new Standing(concat(decided, f), null))
          : rtdlEnd(run).compose(end -> progress(run, store, followers, end).compose(f -> {
            boolean followersDone = f.stream().allMatch(p -> p.behind().isEmpty());
            if (!followersDone) {
              return Future.succeededFuture(new Standing(concat(decided, f), end));
            }
            // caught up with the end as measured: it must not have moved meanwhile (AL's outcomes extend it)
            return rtdlEnd(run).map(again -> new Standing(concat(decided, f),
                again.partitions().equals(end.partitions()) ? end : again));
          }));
      return look.compose(standing -> {
        boolean caughtUp = standing.rtdlEnd() != null
            && standing.progress().stream().allMatch(p -> p.behind().isEmpty());
        return (caughtUp ? CaughtUpPhase.healthWritten(run, members()) : Future.succeededFuture(false))
            .compose(done -> {
              if (done || System.nanoTime() > deadline) {
                return Future.succeededFuture(standing);
              }
              Promise<Standing> later = Promise.promise();
              run.vertx().setTimer(POLL_MS, t -> waitForChain(run, store, p7, deadline).onComplete(later));
              return later.future();
            });
      });
    });
  }

  private static Future<LogEndOffsets> rtdlEnd(RunContext run) {
    return LogEndOffsets.measure(run.substrate().eventLog(), List.of(Topics.RTDL), run.runId(), run.clock());
  }

  private static Future<List<CaughtUpPhase.Progress>> progress(RunContext run, StateStore store,
                                                               List<Projector> members, LogEndOffsets ends) {
    List<Future<CaughtUpPhase.Progress>> each = new ArrayList<>();
    for (Projector p : members) {
      each.add(store.checkpoints(p.groupId(run.runId())).map(cps -> CaughtUpPhase.progressOf(p, cps, ends)));
    }
    return Future.all(each).map(all -> each.stream().map(Future::result).toList());
  }

  private List<Projector> members() {
    return concat(deciders, followers);
  }

  private Future<List<GateCheck>> checks(RunContext run, Standing standing) {
    List<GateCheck> checks = new ArrayList<>();
    for (CaughtUpPhase.Progress p : standing.progress()) {
      String process = p.projector().process().processId();
      boolean decider = deciders.contains(p.projector());
      boolean reached = p.behind().isEmpty() && (decider || standing.rtdlEnd() != null);
      checks.add(GateCheck.of(reached, "checkpoint_reached:" + process,
          "StateStore checkpoints of " + p.projector().groupId(run.runId()),
          decider ? "at or after the P7 end offsets" : "at or after the rtdl topic's end once the deciders are done",
          reached ? "reached on " + p.targets() + " partition(s)"
              : p.behind().isEmpty() ? "the deciders did not finish" : String.join("; ", p.behind()),
          "the decision lane did not catch up within " + timeout.toSeconds() + " s: check " + process
              + ".log, restart the pack (fp run --resume) or raise components.supervisor.p9_timeout_seconds"));
    }
    return run.vertx().executeBlocking(() -> CaughtUpPhase.healthChecks(run, members()))
        .compose(health -> {
          checks.addAll(health);
          List<Future<List<GateCheck>>> own = members().stream().map(p -> p.closeout().apply(run)).toList();
          return Future.all(own).map(all -> {
            own.forEach(f -> checks.addAll(f.result()));
            return null;
          });
        })
        .compose(v -> run.vertx().executeBlocking(() -> {
          writeEvidence(run, standing);
          return checks;
        }));
  }

  private void writeEvidence(RunContext run, Standing standing) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CaughtUpPhase.Progress p : standing.progress()) {
      Map<String, Object> cps = new LinkedHashMap<>();
      p.checkpoints().forEach((tp, cp) -> cps.put(tp.toString(), cp.offset()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("process_id", p.projector().process().processId());
      row.put("group_id", p.projector().groupId(run.runId()));
      row.put("checkpoints", cps);
      row.put("behind", p.behind());
      row.put("health", CaughtUpPhase.healthFile(run, p.projector()).toString());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", run.runId());
    doc.put("generated_at_utc", Timestamps.now(run.clock()));
    doc.put("rtdl_end_offsets", standing.rtdlEnd() == null ? null : standing.rtdlEnd().partitions().stream()
        .map(e -> Map.of("partition", e.partition(), "end_offset", String.valueOf(e.endOffset()))).toList());
    doc.put("members", rows);
    JsonFiles.write(run.runRoot().resolve(EVIDENCE), doc);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
