package dev.fp.platform.stream;

import dev.fp.platform.Polling;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the catch-up phases (P8, P9, P10) share. Entry starts (or confirms) the phase's pack for the run. The gate
 * looks at the members' durable checkpoints (StateStore, group {@code <name>.v0::<run>}) again and again until they
 * have caught up and written their health — waiting as long as they make progress, failing once none moved for the
 * stall bound or the ceiling passed ({@link CatchUpBounds}). A staged gate holds its deciders to fixed end offsets
 * and, once they are done, its followers to the live end of the topic they follow.
 */
abstract class PackCatchUpPhase implements PhaseHandler {
  private static final Logger LOG = Logging.component("supervisor");
  private static final long POLL_MS = 250;
  /** How often a waiting phase logs where its members stand. */
  private static final long REPORT_NANOS = Duration.ofSeconds(30).toNanos();

  private final PackManager packs;
  private final PackSpec pack;
  private final String evidence;
  final CatchUpBounds bounds;

  /**
   * Where a gate stood: each member's progress and, for a staged gate, the followed topic's end once the deciders
   * were done.
   */
  record Standing(List<CaughtUpPhase.Progress> progress, LogEndOffsets followedEnd) {
    boolean caughtUp() {
      return followedEnd != null && allReached();
    }

    boolean allReached() {
      return progress.stream().allMatch(p -> p.behind().isEmpty());
    }

    /** What moves when a member makes progress: every checkpoint offset, and the followed topic's end. */
    Map<String, String> position() {
      Map<String, String> at = new TreeMap<>();
      progress.forEach(p -> p.checkpoints().forEach((tp, cp) -> at.put(p.projector().process().processId() + " "
          + tp, cp.offset())));
      if (followedEnd != null) {
        followedEnd.partitions().forEach(e -> at.put("end " + e.topic() + "/" + e.partition(), e.endOffset()));
      }
      return at;
    }

    /** The members still behind, each with its first partition behind ("df_worker: topic/0 at 12 < 40"). */
    String behindSummary() {
      List<String> out = new ArrayList<>();
      for (CaughtUpPhase.Progress p : progress) {
        if (!p.behind().isEmpty()) {
          out.add(p.projector().process().processId() + ": " + p.behind().get(0)
              + (p.behind().size() > 1 ? " (+" + (p.behind().size() - 1) + " partition(s))" : ""));
        }
      }
      return out.isEmpty() ? "every consumer reached its end" : String.join("; ", out);
    }
  }

  /** How a wait ended. */
  enum Ending { SETTLED, STALLED, CEILING }

  /** The last look of a wait, and why the wait ended. */
  record Waited(Standing last, Ending ending) {
  }

  /** @param evidence the phase's commit evidence, relative to the run root */
  PackCatchUpPhase(PackManager packs, PackSpec pack, CatchUpBounds bounds, String evidence) {
    this.packs = packs;
    this.pack = pack;
    this.bounds = bounds;
    this.evidence = evidence;
  }

  @Override
  public Future<String> enter(RunContext run) {
    return packs.up(pack, run.runId()).compose(started -> packs.status(pack, run.runId()))
        .map(status -> run.runRoot().resolve(evidence).toString());
  }

  /**
   * Looks, then again every 250 ms, until {@code settled} accepts the last look, no checkpoint moved for the stall
   * bound, or the ceiling passed; logs where the members stand every 30 s meanwhile.
   */
  Future<Waited> waitFor(RunContext run, Supplier<Future<Standing>> look, Function<Standing, Future<Boolean>> settled) {
    return new Watch(run, look, settled).start();
  }

  /** One wait's state: when it began, what the members' position was and since when. */
  private final class Watch {
    private final RunContext run;
    private final Supplier<Future<Standing>> look;
    private final Function<Standing, Future<Boolean>> settled;
    private final long began = System.nanoTime();
    private long movedAt = began;
    private long reportedAt = began;
    private Map<String, String> position;

    Watch(RunContext run, Supplier<Future<Standing>> look, Function<Standing, Future<Boolean>> settled) {
      this.run = run;
      this.look = look;
      this.settled = settled;
    }

    Future<Waited> start() {
      return Polling.until(run.vertx(), POLL_MS, () -> look.get().compose(s -> settled.apply(s).map(done -> ended(s, done))));
    }

    /** How the wait ends after look {@code s}, or empty to look again. */
    private Optional<Waited> ended(Standing s, boolean done) {
      long now = System.nanoTime();
      Map<String, String> at = s.position();
      if (!at.equals(position)) {
        position = at;
        movedAt = now;
      }
      Ending ending = done ? Ending.SETTLED : now - began > bounds.ceiling().toNanos() ? Ending.CEILING
          : now - movedAt > bounds.stall().toNanos() ? Ending.STALLED : null;
      if (ending != null) {
        return Optional.of(new Waited(s, ending));
      }
      if (now - reportedAt >= REPORT_NANOS) {
        reportedAt = now;
        LOG.info("{} waiting {} s (last progress {} s ago): {}", phase().label(),
            Duration.ofNanos(now - began).toSeconds(), Duration.ofNanos(now - movedAt).toSeconds(),
            s.behindSummary());
      }
      return Optional.empty();
    }
  }

  /**
   * Why a member did not catch up and what to do, by how the wait ended. The seed allows no retry of these phases.
   *
   * @param plane what did not catch up ("the decision lane")
   */
  String remedy(Waited waited, String process, String plane) {
    return switch (waited.ending()) {
      case STALLED -> plane + " made no progress for " + bounds.stall().toSeconds() + " s: read " + process
          + ".log for what stopped it, then start a fresh run (the seed allows no retry of this phase); on a machine "
          + "that is only slow raise " + CatchUpBounds.setting(bounds.stallKey());
      case CEILING -> plane + " was still progressing when the phase's ceiling of " + bounds.ceiling().toSeconds()
          + " s passed: raise " + CatchUpBounds.setting(bounds.ceilingKey()) + " and start a fresh run (the seed "
          + "allows no retry of this phase)";
      case SETTLED -> "read " + process + ".log and its health reasons";
    };
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
   * @param plane what did not catch up, for the remedy ("the decision lane")
   */
  List<GateCheck> checkpointChecks(RunContext run, Waited waited, List<Projector> deciders, String decidersTarget,
                                   String followersTarget, String plane) {
    List<GateCheck> checks = new ArrayList<>();
    Standing standing = waited.last();
    for (CaughtUpPhase.Progress p : standing.progress()) {
      String process = p.projector().process().processId();
      boolean decider = deciders.contains(p.projector());
      boolean reached = p.behind().isEmpty() && (decider || standing.followedEnd() != null);
      checks.add(GateCheck.of(reached, "checkpoint_reached:" + process,
          "StateStore checkpoints of " + p.projector().groupId(run.runId()),
          decider ? decidersTarget : followersTarget,
          reached ? "reached on " + p.targets() + " partition(s)"
              : p.behind().isEmpty() ? "the deciders did not finish" : String.join("; ", p.behind()),
          remedy(waited, process, plane)));
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
