package dev.fp.platform.stream;

import dev.fp.contract.Timestamps;
import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

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
 * Waits while the members make progress ({@link CatchUpBounds}: {@code components.supervisor.p9_stall_seconds},
 * ceiling {@code p9_timeout_seconds}). Commit evidence:
 * {@code runs/fraud-platform/<run>/}{@value #EVIDENCE}.
 */
public final class DecisionChainPhase extends PackCatchUpPhase {
  static final String EVIDENCE = "supervisor/p9_decision_chain_committed.json";

  private final List<Projector> deciders;
  private final List<Projector> followers;

  /**
   * @param deciders  members whose targets are the P7 end offsets of their topics
   * @param followers members that consume {@code fp.bus.rtdl.v1}, held to its live end
   */
  public DecisionChainPhase(PackManager packs, PackSpec pack, List<Projector> deciders, List<Projector> followers,
                            CatchUpBounds bounds) {
    super(packs, pack, bounds, EVIDENCE);
    this.deciders = List.copyOf(deciders);
    this.followers = List.copyOf(followers);
  }

  @Override
  public Phase phase() { return Phase.P9; }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return withP7Ends(run, (ends, endsFile) -> {
      return run.substrate().stateStore()
          // AL's outcomes extend the rtdl topic while DLA follows it
          .compose(store -> waitFor(run, () -> staged(run, store, deciders, ends, followers, Topics.RTDL),
              standing -> standing.caughtUp() ? CaughtUpPhase.healthWritten(run, members())
                  : Future.succeededFuture(false)))
          .compose(waited -> checks(run, waited));
    });
  }

  private List<Projector> members() {
    return concat(deciders, followers);
  }

  private Future<List<GateCheck>> checks(RunContext run, Waited waited) {
    Standing standing = waited.last();
    List<GateCheck> checks = checkpointChecks(run, waited, deciders, "at or after the P7 end offsets",
        "at or after the rtdl topic's end once the deciders are done", "the decision lane");
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
      rows.add(evidenceRow(run, p));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", run.runId());
    doc.put("generated_at_utc", Timestamps.now(run.clock()));
    doc.put("rtdl_end_offsets", endsEvidence(standing.followedEnd()));
    doc.put("members", rows);
    JsonFiles.write(run.runRoot().resolve(EVIDENCE), doc);
  }
}
