package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The keyed state of streaming components and their consumer checkpoints (ARCHITECTURE §3): typed {@link Table}s,
 * point and multi-key reads, key-ordered scans, and {@link #commit} of a {@link WriteBatch} that applies puts, deletes
 * and checkpoints across tables atomically — "checkpoint with effect".
 *
 * <p>Adapters: RocksDB (embedded; one directory owned by one process) and PostgreSQL (parity); {@link StateStores}
 * picks one. Both order keys by unsigned bytes. A read never sees part of a batch. A read issued after a commit's
 * future succeeded sees that batch; reads issued while a commit is pending may or may not. Futures complete on the
 * caller's Vert.x context; no method blocks an event loop. Failures are {@link StateStoreException}s naming the
 * operation and table, unless documented otherwise.
 */
public interface StateStore {

  /** Creates the tables that do not exist yet (column families / {@code CREATE TABLE IF NOT EXISTS}); idempotent. */
  Future<Void> ensureTables(Collection<Table<?, ?>> tables);

  /** The value of {@code key}, or null when absent. */
  <K, V> Future<V> get(Table<K, V> table, K key);

  /** The values of the keys that are present (absent keys are left out), read at one point in time. */
  <K, V> Future<Map<K, V>> multiGet(Table<K, V> table, Collection<K> keys);

  /**
   * Up to {@code limit} rows of {@code range} in key order, read at one point in time; page on with
   * {@link KeyRange#after} and the last key's encoding.
   */
  <K, V> Future<List<KeyValue<K, V>>> scan(Table<K, V> table, KeyRange range, int limit);

  /**
   * Applies the batch all or nothing; when the future succeeds the batch is durable (survives a process kill).
   * Fails with {@link dev.fp.substrate.eventlog.LeaseLostException} when a fenced lease is stale (nothing written),
   * {@link StateStoreSaturatedException} when the store cannot take more work now (nothing written), or another
   * {@link StateStoreException}. Every table written must exist ({@link #ensureTables}).
   */
  Future<Void> commit(WriteBatch batch);

  /** What {@link #commit} recorded for {@code groupId}, per partition; empty when nothing was. */
  Future<Map<TopicPartition, Checkpoint>> checkpoints(String groupId);

  /** The tables that exist, sorted (the reserved checkpoint table is not listed). */
  List<String> tableNames();

  /** {@code rocksdb} or {@code postgres}. */
  String kind();

  /** Where the state lives, for banners and errors (never a password). */
  String description();

  /** Finishes the batches already accepted, then releases everything; later calls fail. Idempotent. */
  Future<Void> close();
}
