package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every partition of a consumer group's topics resumes (ARCHITECTURE §6): strictly {@code AFTER} its
 * checkpoint, or at the configured start when it has none, or when its checkpoint is an offset of the other adapter
 * kind (logged). Shared by {@link LogConsumer} and the stream-processor shell.
 */
public final class ResumePositions {
  private static final Logger LOG = LoggerFactory.getLogger(ResumePositions.class);

  private ResumePositions() {
  }

  /** Partition → position, in the order of {@code options.topics()} and partition number. */
  public static Future<Map<TopicPartition, Position>> plan(EventLog log, ConsumerOptions options,
                                                           Map<TopicPartition, CheckpointStore.Checkpoint> checkpoints) {
    Map<TopicPartition, Position> planned = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String topic : options.topics()) {
      chain = chain.compose(v -> log.partitions(topic)).compose(n -> {
        for (int p = 0; p < n; p++) {
          TopicPartition tp = new TopicPartition(topic, p);
          planned.put(tp, resumeAt(log, options, tp, checkpoints.get(tp)));
        }
        return Future.succeededFuture();
      });
    }
    return chain.map(v -> planned);
  }

  private static Position resumeAt(EventLog log, ConsumerOptions options, TopicPartition tp,
                                   CheckpointStore.Checkpoint cp) {
    if (cp == null) {
      return options.startPosition();
    }
    if (!cp.offsetKind().equals(log.offsetKind())) {
      LOG.warn("consumer group {} {}: checkpoint {} is a {} offset but the log is {}; starting from {}",
          options.groupId(), tp, cp.offset(), cp.offsetKind(), log.offsetKind(), options.start());
      return options.startPosition();
    }
    return Position.after(cp.offset());
  }
}
