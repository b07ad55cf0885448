package dev.fp.platform.stream;

import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the catch-up phases (P8, P9, P10) share. Entry starts (or confirms) the phase's pack for the run. The gate
 * looks at the members' durable checkpoints (StateStore, group {@code <name>.v0::<run>}) again and again until they
 * have caught up and written their health, or the phase's timeout passes. A staged gate holds its deciders to fixed
 * end offsets and, once they are done, its followers to the live end of the topic they follow.
 */
abstract class PackCatchUpPhase implements PhaseHandler {
  private static final long POLL_MS = 250;

  private final PackManager packs;
  private final PackSpec pack;
  private final String evidence;
  final Duration timeout;

  /** Where a staged gate stood: each member's progress, and the followed topic's end once the deciders were done. */
  record Standing(List<CaughtUpPhase.Progress> progress, LogEndOffsets followedEnd) {
    boolean caughtUp() {
      return followedEnd != null && progress.stream().allMatch(p -> p.behind().isEmpty());
    }
  }

  /** @param evidence the phase's commit evidence, relative to the run root */
  PackCatchUpPhase(PackManager packs, PackSpec pack, Duration timeout, String evidence) {
    this.packs = packs;
    this.pack = pack;
    this.timeout = timeout;
    this.evidence = evidence;
  }

  @Override
  public Future<String> enter(RunContext run) {
    return packs.up(pack, run.runId()).compose(started -> packs.status(pack, run.runId()))
        .map(status -> run.runRoot().resolve(evidence).toString());
  }

  /**
   * Looks, then again every 250 ms, until {@code settled} accepts the last look or {@code deadline}
   * ({@link System#nanoTime}) passes; completes with the last look.
   */
  static <S> Future<S> pollUntil(RunContext run, long deadline, Supplier<Future<S>> look,
                                 Function<S, Future<Boolean>> settled) {
    return look.get().compose(s -> settled.apply(s).compose(done -> {
      if (done || System.nanoTime() > deadline) {
        return Future.succeededFuture(s);
      }
      Promise<S> later = Promise.promise();
      run.vertx().setTimer(POLL_MS, t -> pollUntil(run, deadline, look, settled).onComplete(later));
      return later.future();
    }));
  }

  /** {@code gate} over P7's log end offsets (and the file they were read from); fails at once when P7 left none. */
  static Future<List<GateCheck>> withP7Ends(RunContext run,
                                            BiFunction<LogEndOffsets, Path, Future<List<GateCheck>>> gate) {
    Path endsFile = LogEndOffsets.path(run.config().platformRoot(), run.runId());
    return run.vertx().executeBlocking(() -> LogEndOffsets.read(run.config().platformRoot(), run.runId()))
        .compose(ends -> ends.isEmpty()
            ? Future.succeededFuture(List.of(GateCheck.fail("p7_log_end_offsets", endsFile.toString(),
                "P7's log end offsets", "missing", "pass P7 first (fp run --resume)")))
            : gate.apply(ends.get(), endsFile));
  }

  /** Each member's durable checkpoints against {@code ends}. */
  static Future<List<CaughtUpPhase.Progress>> progress(RunContext run, StateStore store, List<Projector> members,
                                                       LogEndOffsets ends) {
    List<Future<CaughtUpPhase.Progress>> each = new ArrayList<>();
    for (Projector p : members) {
      each.add(store.checkpoints(p.groupId(run.runId())).map(cps -> CaughtUpPhase.progressOf(p, cps, ends)));
    }
    return Future.all(each).map(all -> each.stream().map(Future::result).toList());
  }

  /**
   * One look of a staged gate: the deciders against {@code decidersEnds}; once they are done, the followers against
   * the end of {@code followed} as it stands then — measured again after they reach it, because what the members
   * publish extends it.
   */
  static Future<Standing> staged(RunContext run, StateStore store, List<Projector> deciders,
                                 LogEndOffsets decidersEnds, List<Projector> followers, String followed) {
    return progress(run, store, deciders, decidersEnds).compose(decided -> {
      if (!decided.stream().allMatch(p -> p.behind().isEmpty())) {
        return progress(run, store, followers, decidersEnds).map(f -> new Standing(concat(decided, f), null));
      }
      return end(run, followed).compose(end -> progress(run, store, followers, end).compose(f -> {
        if (!f.stream().allMatch(p -> p.behind().isEmpty())) {
          return Future.succeededFuture(new Standing(concat(decided, f), end));
        }
        // caught up with the end as measured: it must not have moved meanwhile; if it did, the followers are
        // measured against the new end (the old progress would count them caught up with records still unread)
        return end(run, followed).compose(again -> again.partitions().equals(end.partitions())
            ? Future.succeededFuture(new Standing(concat(decided, f), end))
            : progress(run, store, followers, again).map(f2 -> new Standing(concat(decided, f2), again)));
      }));
    });
  }

  static Future<LogEndOffsets> end(RunContext run, String topic) {
    return LogEndOffsets.measure(run.substrate().eventLog(), List.of(topic), run.runId(), run.clock());
  }

  /**
   * One check per member of a staged gate: it reached its target — {@code decidersTarget} for a decider, the followed
   * topic's end once the deciders are done for a follower.
   *
   * @param plane      what did not catch up, for the remedy ("the decision lane")
   * @param timeoutKey the phase's timeout setting under {@code components.supervisor}
   */
  List<GateCheck> checkpointChecks(RunContext run, Standing standing, List<Projector> deciders,
                                   String decidersTarget, String followersTarget, String plane, String timeoutKey) {
    List<GateCheck> checks = new ArrayList<>();
    for (CaughtUpPhase.Progress p : standing.progress()) {
      String process = p.projector().process().processId();
      boolean decider = deciders.contains(p.projector());
      boolean reached = p.behind().isEmpty() && (decider || standing.followedEnd() != null);
      checks.add(GateCheck.of(reached, "checkpoint_reached:" + process,
          "StateStore checkpoints of " + p.projector().groupId(run.runId()),
          decider ? decidersTarget : followersTarget,
          reached ? "reached on " + p.targets() + " partition(s)"
              : p.behind().isEmpty() ? "the deciders did not finish" : String.join("; ", p.behind()),
          plane + " did not catch up within " + timeout.toSeconds() + " s: check " + process
              + ".log; raise components.supervisor." + timeoutKey + " (env FP_" + timeoutKey.toUpperCase(Locale.ROOT)
              + ") and start a fresh run (the seed allows no retry of this phase)"));
    }
    return checks;
  }

  /** A member's row in the commit evidence: its group, checkpoints, what was behind, its health file. */
  static Map<String, Object> evidenceRow(RunContext run, CaughtUpPhase.Progress p) {
    Map<String, Object> cps = new LinkedHashMap<>();
    p.checkpoints().forEach((tp, cp) -> cps.put(tp.toString(), cp.offset()));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("process_id", p.projector().process().processId());
    row.put("group_id", p.projector().groupId(run.runId()));
    row.put("checkpoints", cps);
    row.put("behind", p.behind());
    row.put("health", CaughtUpPhase.healthFile(run, p.projector()).toString());
    return row;
  }

  /** The end offsets of a followed topic as evidence: null before the deciders were done. */
  static List<Map<String, Object>> endsEvidence(LogEndOffsets ends) {
    return ends == null ? null : ends.partitions().stream()
        .map(e -> Map.<String, Object>of("partition", e.partition(), "end_offset", String.valueOf(e.endOffset())))
        .toList();
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
