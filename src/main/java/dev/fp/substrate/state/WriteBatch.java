package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.Lease;
import dev.fp.substrate.eventlog.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Puts, deletes, consumer checkpoints and lease fences that {@link StateStore#commit} applies all together or not at
 * all. Several writes of one key collapse to the last one. Keys are encoded when added (a key the codec refuses
 * throws at once); values are encoded by {@code commit}, so a value codec that throws fails the commit and nothing
 * of the batch is written. Not thread-safe: one batch belongs to one caller.
 */
public final class WriteBatch {
  private final Map<RowKey, Write<?>> writes = new LinkedHashMap<>();
  private final Map<CheckpointTable.Key, CheckpointTable.Position> checkpoints = new LinkedHashMap<>();
  private final Map<String, Lease> fences = new LinkedHashMap<>();

  /** The batch's own latest write of a key: {@code value} null means the batch deletes it. */
  public record Staged<V>(V value) {
    public boolean deleted() {
      return value == null;
    }
  }

  private record RowKey(String table, ByteBuffer key) {
  }

  /** {@code ifAbsent}: a {@link #putIfAbsent}, skipped when the key exists as the batch applies. */
  private record Write<V>(Table<?, V> table, byte[] key, V value, boolean ifAbsent) {
    byte[] encodedValue() {
      return table.values().encode(value);
    }
  }

  /** Sets {@code key} to {@code value} (not null; use {@link #delete}). */
  public <K, V> WriteBatch put(Table<K, V> table, K key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("state table " + table.name() + ": put of a null value (use delete)");
    }
    return add(table, key, value, false);
  }

  /**
   * Sets {@code key} to {@code value} unless the key exists when the store applies the batch (first write wins,
   * also against batches committed concurrently, from this process or, on PostgreSQL, another); the rest of the
   * batch applies either way. Read the key back after the commit to learn which write won. {@link #staged} reports
   * it as a put.
   */
  public <K, V> WriteBatch putIfAbsent(Table<K, V> table, K key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("state table " + table.name() + ": putIfAbsent of a null value");
    }
    return add(table, key, value, true);
  }

  /** Removes {@code key}; a no-op when it is absent. */
  public <K, V> WriteBatch delete(Table<K, V> table, K key) {
    return add(table, key, null, false);
  }

  private <K, V> WriteBatch add(Table<K, V> table, K key, V value, boolean ifAbsent) {
    byte[] encoded = table.keys().encode(key);
    writes.put(new RowKey(table.name(), ByteBuffer.wrap(encoded)), new Write<>(table, encoded, value, ifAbsent));
    return this;
  }

  /**
   * Records {@code offset} as the last processed record of {@code partition} for consumer group {@code groupId};
   * {@link StateStore#checkpoints} reads it back.
   */
  public WriteBatch checkpoint(String groupId, TopicPartition partition, String offset, String offsetKind) {
    if (offset == null || offset.isBlank() || offsetKind == null || offsetKind.isBlank()) {
      throw new IllegalArgumentException("checkpoint of " + groupId + " " + partition + " needs an offset and its kind");
    }
    checkpoints.put(new CheckpointTable.Key(groupId, partition), new CheckpointTable.Position(offset, offsetKind));
    return this;
  }

  /**
   * Makes the batch conditional on {@code lease} still being the group's current lease: on PostgreSQL a stale
   * fencing token fails the whole batch with {@code LeaseLostException}; see each adapter for how it fences.
   */
  public WriteBatch fence(Lease lease) {
    fences.put(lease.groupId(), lease);
    return this;
  }

  /** What this batch writes for {@code key} of {@code table}, or null when it does not touch that key. */
  @SuppressWarnings("unchecked")
  public <K, V> Staged<V> staged(Table<K, V> table, K key) {
    Write<?> w = writes.get(new RowKey(table.name(), ByteBuffer.wrap(table.keys().encode(key))));
    return w == null ? null : new Staged<>((V) w.value());
  }

  /** Row writes plus checkpoints. */
  public int size() {
    return writes.size() + checkpoints.size();
  }

  public boolean isEmpty() {
    return writes.isEmpty() && checkpoints.isEmpty();
  }

  /**
   * The batch as bytes per table, checkpoints included as rows of the reserved checkpoint table; fails with
   * {@link StateStoreException} naming the table (and key) when a table does not exist in {@code store} or a value
   * codec throws.
   */
  EncodedBatch encode(Clock clock, Predicate<String> tableExists, String store) {
    EncodedBatch out = new EncodedBatch(fences.values());
    for (Write<?> w : writes.values()) {
      if (!tableExists.test(w.table().name())) {
        throw StateStoreException.noSuchTable("commit", w.table().name(), store);
      }
      if (w.value() == null) {
        out.delete(w.table().name(), w.key());
      } else if (w.ifAbsent()) {
        out.insert(w.table().name(), w.key(), encodeValue(w));
      } else {
        out.put(w.table().name(), w.key(), encodeValue(w));
      }
    }
    String now = dev.fp.contract.Timestamps.now(clock);
    checkpoints.forEach((k, pos) -> {
      Lease lease = fences.get(k.groupId());
      out.put(CheckpointTable.NAME, k.encode(), pos.encode(lease == null ? 0 : lease.fencingToken(), now));
    });
    return out;
  }

  private static byte[] encodeValue(Write<?> w) {
    try {
      return w.encodedValue();
    } catch (RuntimeException e) {
      throw new StateStoreException("commit", "cannot encode the value of " + w.table().name() + " key "
          + java.util.HexFormat.of().formatHex(w.key()) + ": " + e.getMessage(), e);
    }
  }
}
