package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;

/** Reads of a batch's prefetched state (see {@link ProcessorContext#get}). */
public interface BatchReads {

  /**
   * The value of {@code key} as of this point of the batch: written earlier in the batch, else as stored when the
   * batch started; null when absent.
   *
   * @throws IllegalStateException when {@code key} was not named by {@code prefetch} (a read the shell cannot serve
   *                               without blocking)
   */
  <K, V> V get(Table<K, V> table, K key);
}
