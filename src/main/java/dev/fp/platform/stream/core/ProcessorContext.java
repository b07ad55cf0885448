package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;

/**
 * A processor's view of one batch: reads of prefetched keys that see the batch's own earlier writes (read-your-writes,
 * like Kafka Streams' caching store), the batch's writes, and its external effects.
 *
 * @param <E> the component's effect type
 */
public interface ProcessorContext<E> extends BatchWrites {

  /**
   * The value of {@code key} as of this point of the batch: written earlier in the batch, else as stored when the
   * batch started; null when absent.
   *
   * @throws IllegalStateException when {@code key} was not named by {@code prefetch} (a read the shell cannot serve
   *                               without blocking)
   */
  <K, V> V get(Table<K, V> table, K key);

  /** Adds an external effect; the shell runs the batch's effects before it commits. */
  void emit(E effect);

  /** The platform run this component works for. */
  String platformRunId();
}
