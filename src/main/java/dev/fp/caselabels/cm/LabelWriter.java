package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.IntakeCommit;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;

/**
 * CM's effect: the batch's new labels (stored PENDING before this runs) go to LS in one {@link LabelRound}; LS's
 * answers, each intake's counters and its "counted" mark commit with the batch's checkpoint. A crash before that
 * commit re-delivers the batch: its records find their intake uncounted and their labels unattempted, and commit them
 * again — LS answers ASSERTION_REPLAY_MATCH for any label it had taken.
 */
final class LabelWriter implements EffectRunner<IntakeCommit> {
  private final LabelRound round;
  private final String platformRunId;
  private final Clock clock;

  LabelWriter(LabelRound round, String platformRunId, Clock clock) {
    this.round = round;
    this.platformRunId = platformRunId;
    this.clock = clock;
  }

  @Override
  public Future<Void> run(List<IntakeCommit> effects, BatchWrites batch) {
    List<LabelRound.Item> items = effects.stream().filter(e -> e.label() != null)
        .map(e -> new LabelRound.Item(e.labelKey(), e.label())).toList();
    return round.submit(items).map(results -> {
      LabelRound.record(results, platformRunId, Timestamps.now(clock), batch, true);
      for (IntakeCommit e : effects) {
        e.intake().intakeCounts().forEach(batch::count);
        batch.put(CmTables.INTAKE, e.trigger(), e.intake().countedNow());
      }
      return null;
    });
  }
}
