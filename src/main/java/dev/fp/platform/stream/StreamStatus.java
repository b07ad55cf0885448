package dev.fp.platform.stream;

import dev.fp.platform.stream.core.Counters;
import dev.fp.substrate.eventlog.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * What the shell knows about a running component at one moment, handed to its artifacts function.
 *
 * @param counters   this run's durable counters as last committed
 * @param lag        per partition (empty before the first measurement)
 * @param lastError  the last batch failure while it keeps failing (null once a batch commits)
 * @param checkpoints the committed checkpoint of every partition (null before its first commit), taken at the same
 *                    moment as {@code counters}: the basis the counters describe (e.g. IEG's graph_version)
 */
public record StreamStatus(String platformRunId, String groupId, Counters counters, List<PartitionLag> lag,
                           String lastError, Map<TopicPartition, String> checkpoints) {

  /** A status without checkpoints. */
  public StreamStatus(String platformRunId, String groupId, Counters counters, List<PartitionLag> lag,
                      String lastError) {
    this(platformRunId, groupId, counters, lag, lastError, Map.of());
  }

  /** Records behind over every partition. */
  public long recordsBehind() {
    return lag.stream().mapToLong(PartitionLag::recordsBehind).sum();
  }

  /** The largest seconds behind over every partition. */
  public double secondsBehind() {
    return lag.stream().mapToDouble(PartitionLag::secondsBehind).max().orElse(0);
  }
}
