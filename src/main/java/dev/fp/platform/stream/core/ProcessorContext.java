package dev.fp.platform.stream.core;

/**
 * A processor's view of one batch: reads of prefetched keys that see the batch's own earlier writes (read-your-writes,
 * like Kafka Streams' caching store), the batch's writes, its external effects, what the component's enricher
 * fetched for a record, and a way to make a record wait.
 *
 * @param <E> the component's effect type
 */
public interface ProcessorContext<E> extends BatchWrites, BatchReads {

  /** Adds an external effect; the shell runs the batch's effects before it commits. */
  void emit(E effect);

  /**
   * What {@code examine} made of {@code record} in prefetch ({@link KeyRequests#examined}), or makes of it now when it
   * was not examined there.
   */
  <T> T examined(StreamRecord record, java.util.function.Function<StreamRecord, T> examine);

  /** The platform run this component works for. */
  String platformRunId();

  /**
   * What the component's enricher attached to {@code record} before this batch was applied (see
   * {@code dev.fp.platform.stream.Enricher}); null when it attached nothing or the component has no enricher.
   */
  Object enrichment(StreamRecord record);

  /**
   * Makes {@code record} — the one being applied — wait: the shell applies no later record of its partition in this
   * round, commits the partition's checkpoint only up to the record before it, and reads it again after at most
   * {@code retryAfterMs} (sooner when other partitions progress). Writes and counts already made for
   * {@code record} are committed with the batch (e.g. when it was first seen), so they must be idempotent; effects it
   * emitted run too. For a consumer that must not pass a record yet: a join that waits for context, a publish whose
   * answer was ambiguous.
   */
  void hold(StreamRecord record, long retryAfterMs, String reason);
}
