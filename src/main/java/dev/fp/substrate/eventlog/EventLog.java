package dev.fp.substrate.eventlog;

import io.vertx.core.Future;

import java.util.List;
import java.util.Set;

/**
 * The durable event-bus port (EB and the control bus): named topics split into partitions, append-only, read by
 * position.
 *
 * <p>Adapters: {@code FileEventLog} (JSONL per topic/partition, {@code offset_kind=file_line}) and
 * {@code KinesisEventLog} ({@code offset_kind=kinesis_sequence}); {@link EventLogs#create} picks one from the
 * profile. A publish that completed successfully is durable: it survives a process kill. Records of one
 * partition are read back in publish order.
 */
public interface EventLog {

  /** Creates the topic with the given partition count if it does not exist; idempotent. */
  Future<Void> createTopic(String topic, int partitions);

  /** Names of the existing topics. */
  Future<Set<String>> topics();

  /** Partition count of an existing topic; fails with {@link NoSuchTopicException} otherwise. */
  Future<Integer> partitions(String topic);

  /**
   * Publishes a batch to one topic. Records with the same partition key land in the same partition and keep their
   * order. The returned refs are in the order of {@code records}. When the future fails, any subset of the batch
   * may have been appended (the caller treats that as ambiguous).
   */
  Future<List<EbRef>> publish(String topic, List<OutRecord> records);

  /**
   * Reads up to {@code max} records of one partition starting at {@code from}. An empty batch means the reader is
   * at the end; {@link ReadBatch#next()} is the position to read from next time. An {@code AFTER} or {@code AT}
   * position that does not exist fails with {@link StalePositionException}.
   */
  Future<ReadBatch> read(String topic, int partition, Position from, int max);

  /**
   * Measures the partition after {@code from} ({@code TRIM_HORIZON}, {@code AFTER} or {@code AT}): the records that
   * follow (counting stops at {@code limit}), the last offset and the first record's publish time. The file log
   * answers from its line index (exact at any size, whatever the limit); Kinesis reads the records in GetRecords
   * pages, so the limit bounds what a call costs. A position that does not exist fails with
   * {@link StalePositionException}.
   */
  Future<Backlog> backlog(String topic, int partition, Position from, long limit);

  /**
   * Registers a callback run (on the caller's context) after records are published to {@code topic} by this
   * process, so consumers wait for data instead of polling busily. Returns a handle that unregisters it.
   */
  AutoCloseable onPublished(String topic, Runnable callback);

  /** {@code file_line} or {@code kinesis_sequence}. */
  String offsetKind();

  Future<Void> close();
}
