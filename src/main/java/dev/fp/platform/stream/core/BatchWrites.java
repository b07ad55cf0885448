package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;

/**
 * What a batch will commit: puts and deletes of state rows (the last write of a key wins) and counter deltas. The
 * shell commits all of it with the checkpoint in one StateStore batch, or nothing.
 */
public interface BatchWrites {

  /** Sets {@code key} of {@code table} to {@code value} (not null). */
  <K, V> void put(Table<K, V> table, K key, V value);

  /** Removes {@code key} of {@code table} (a no-op when absent). */
  <K, V> void delete(Table<K, V> table, K key);

  /** Adds {@code delta} to the component's counter {@code name} (a durable counter of this run). */
  void count(String name, long delta);
}
