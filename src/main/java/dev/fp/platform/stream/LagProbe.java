package dev.fp.platform.stream;

import dev.fp.substrate.eventlog.Backlog;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a consumer's lag per partition from its checkpoints (rtdl_design §1): records behind = records after the
 * checkpoint ({@link EventLog#backlog}), seconds behind = now − publish time of the first of them (0 when none).
 */
final class LagProbe {
  private final EventLog log;
  private final Clock clock;
  private final long countLimit;

  LagProbe(EventLog log, Clock clock, long countLimit) {
    this.log = log;
    this.clock = clock;
    this.countLimit = countLimit;
  }

  /** One entry per partition of {@code checkpoints} (null value = nothing committed yet), in its order. */
  Future<List<PartitionLag>> measure(Map<TopicPartition, String> checkpoints) {
    List<Future<PartitionLag>> each = new ArrayList<>();
    checkpoints.forEach((tp, cp) -> each.add(measure(tp, cp)));
    return Future.all(each).map(all -> {
      List<PartitionLag> out = new ArrayList<>();
      each.forEach(f -> out.add(f.result()));
      return out;
    });
  }

  private Future<PartitionLag> measure(TopicPartition tp, String checkpoint) {
    Position from = checkpoint == null ? Position.trimHorizon() : Position.after(checkpoint);
    return log.backlog(tp.topic(), tp.partition(), from, countLimit).map(b -> lag(tp, checkpoint, b));
  }

  private PartitionLag lag(TopicPartition tp, String checkpoint, Backlog b) {
    return new PartitionLag(tp.topic(), tp.partition(), checkpoint, b.lastOffset(), b.records(), b.exact(),
        secondsSince(b.firstPublishedAtUtc()));
  }

  private double secondsSince(String publishedAtUtc) {
    if (publishedAtUtc == null || publishedAtUtc.isEmpty()) {
      return 0;
    }
    Duration d = Duration.between(Instant.parse(publishedAtUtc), clock.instant());
    return Math.max(0, d.toMillis() / 1000.0);
  }
}
