package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch in progress: the prefetched rows, a write-through overlay of the batch's own writes (reads see them), the
 * counter deltas and the effects. The shell and {@link ProcessorDriver} both run batches through it, so a core's
 * tests see exactly what the shell would commit. Not thread-safe.
 *
 * @param <E> the component's effect type
 */
public final class BatchState<E> implements ProcessorContext<E> {
  /** One staged row write; {@code value} null means delete. */
  public record Write(Table<?, ?> table, Object key, Object value) {
  }

  private final String platformRunId;
  /** Stands for "asked, and the store has no row" in {@link #loaded}. */
  private static final Object ABSENT = new Object();

  // Rows are matched by their key objects (see rowId), not by their encodings: a key is encoded once, when the batch
  // is committed, instead of at every read and write of the batch.
  private final Map<String, Map<Object, Object>> loaded = new HashMap<>();
  private final Map<String, LinkedHashMap<Object, Write>> staged = new LinkedHashMap<>();
  private final Map<String, Long> counterDeltas = new LinkedHashMap<>();
  private final List<E> effects = new ArrayList<>();
  private final Map<StreamRecord, Object> enrichments = new IdentityHashMap<>();
  private final Map<StreamRecord, Hold> holds = new IdentityHashMap<>();
  private Map<StreamRecord, Object> examined = new IdentityHashMap<>();

  /** A record that asked to wait ({@link #hold}). */
  public record Hold(long retryAfterMs, String reason) {
  }

  public BatchState(String platformRunId) {
    this.platformRunId = platformRunId;
  }

  /** Records what the store holds for the keys asked of {@code table} ({@code found} leaves absent keys out). */
  public <K, V> void load(Table<K, V> table, Iterable<K> keys, Map<K, V> found) {
    Map<Object, Object> tableLoaded = loaded.computeIfAbsent(table.name(), n -> new HashMap<>());
    for (K k : keys) {
      tableLoaded.putIfAbsent(rowId(k), ABSENT);
    }
    found.forEach((k, v) -> tableLoaded.put(rowId(k), v));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(Table<K, V> table, K key) {
    Object k = rowId(key);
    Map<Object, Write> tableStaged = staged.get(table.name());
    Write w = tableStaged == null ? null : tableStaged.get(k);
    if (w != null) {
      return (V) w.value();
    }
    Map<Object, Object> tableLoaded = loaded.get(table.name());
    Object v = tableLoaded == null ? null : tableLoaded.get(k);
    if (v == null) {
      throw new IllegalStateException("state table " + table.name() + ": key " + key + " was not prefetched (prefetch "
          + "must name every key apply reads)");
    }
    return v == ABSENT ? null : (V) v;
  }

  @Override
  public <K, V> void put(Table<K, V> table, K key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("state table " + table.name() + ": put of a null value (use delete)");
    }
    stage(table, key, value);
  }

  @Override
  public <K, V> void delete(Table<K, V> table, K key) {
    stage(table, key, null);
  }

  private <K, V> void stage(Table<K, V> table, K key, V value) {
    staged.computeIfAbsent(table.name(), n -> new LinkedHashMap<>())
        .put(rowId(key), new Write(table, key, value));
  }

  @Override
  public void count(String name, long delta) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("counter name is required");
    }
    counterDeltas.merge(name, delta, Long::sum);
  }

  @Override
  public void emit(E effect) {
    effects.add(effect);
  }

  @Override
  public String platformRunId() {
    return platformRunId;
  }

  /** Takes over what prefetch examined ({@link KeyRequests#examined}), for apply. */
  void examinedAtPrefetch(KeyRequests keys) {
    examined = keys.examinedRecords();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T examined(StreamRecord record, java.util.function.Function<StreamRecord, T> examine) {
    return (T) examined.computeIfAbsent(record, examine);
  }

  /** Attaches what the enricher fetched for the batch's records (keyed by the very record instances applied). */
  public void enrich(Map<StreamRecord, Object> attached) {
    enrichments.putAll(attached);
  }

  @Override
  public Object enrichment(StreamRecord record) {
    return enrichments.get(record);
  }

  @Override
  public void hold(StreamRecord record, long retryAfterMs, String reason) {
    if (retryAfterMs < 1) {
      throw new IllegalArgumentException("hold of " + record.topic() + " offset " + record.offset()
          + ": retryAfterMs must be >= 1, got " + retryAfterMs);
    }
    holds.put(record, new Hold(retryAfterMs, reason));
  }

  /** The hold {@code record} asked for while it was applied, or null. */
  public Hold holdOf(StreamRecord record) {
    return holds.get(record);
  }

  /** The staged writes, table by table in first-write order, one per key (the last). */
  public List<Write> writes() {
    List<Write> out = new ArrayList<>();
    staged.values().forEach(t -> out.addAll(t.values()));
    return out;
  }

  public Map<String, Long> counterDeltas() {
    return Collections.unmodifiableMap(counterDeltas);
  }

  public List<E> effects() {
    return Collections.unmodifiableList(effects);
  }

  /**
   * Forgets the writes staged so far, once they are committed (store-before-effects): what the effects record next is
   * all the final commit has to write. Reads are not served any more after this (apply is over).
   */
  public void clearWrites() {
    staged.clear();
  }

  /** Adds every staged write to {@code batch}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void writeTo(WriteBatch batch) {
    for (Write w : writes()) {
      Table t = w.table();
      if (w.value() == null) {
        batch.delete(t, w.key());
      } else {
        batch.put(t, w.key(), w.value());
      }
    }
  }

  /**
   * How a batch tells rows apart: the key itself, whose {@code equals} agrees with its table's encoding (keys are
   * records of strings and numbers, or strings); a byte[] key by its content.
   */
  static Object rowId(Object key) {
    return key instanceof byte[] b ? ByteBuffer.wrap(b) : key;
  }
}
