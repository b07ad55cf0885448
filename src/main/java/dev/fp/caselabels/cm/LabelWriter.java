package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.LabelSubmit;
import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;

/**
 * CM's effect: the batch's new labels (stored PENDING before this runs) go to LS in one {@link LabelRound}, and LS's
 * answers commit with the batch's checkpoint. A crash before that commit re-delivers the batch, whose triggers are
 * then DUPLICATEs with labels still unattempted: they are submitted again and LS answers ASSERTION_REPLAY_MATCH for
 * any it had taken.
 */
final class LabelWriter implements EffectRunner<LabelSubmit> {
  private final LabelRound round;
  private final String platformRunId;
  private final Clock clock;

  LabelWriter(LabelRound round, String platformRunId, Clock clock) {
    this.round = round;
    this.platformRunId = platformRunId;
    this.clock = clock;
  }

  @Override
  public Future<Void> run(List<LabelSubmit> effects, BatchWrites batch) {
    List<LabelRound.Item> items = effects.stream().map(e -> new LabelRound.Item(e.key(), e.row())).toList();
    return round.submit(items).map(results -> {
      LabelRound.record(results, platformRunId, Timestamps.now(clock), batch, true);
      return null;
    });
  }
}
