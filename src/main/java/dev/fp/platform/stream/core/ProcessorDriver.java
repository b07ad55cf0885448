package dev.fp.platform.stream.core;

import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.Table;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@link StreamProcessor} synchronously over in-memory tables, the way the shell runs it over the StateStore
 * (Kafka Streams' {@code TopologyTestDriver} shape): each {@link #feed} is one batch — gate, prefetch, apply, effects,
 * then commit of the writes, the counters and the checkpoints, or nothing when an effect throws. Values go through
 * their table's codec, as in a real store. No Vert.x, no I/O: for core unit tests.
 *
 * <pre>{@code
 * ProcessorDriver<Void> d = new ProcessorDriver<>(perType, "platform_20260101T000000Z");
 * d.feedEnvelopes("fp.bus.traffic.fraud.v1", 0, List.of(envelope));
 * assertThat(d.get(COUNTS, "s3_event_stream_with_fraud_6B")).isEqualTo(1L);
 * assertThat(d.counters().get("events_total")).isEqualTo(1);
 * }</pre>
 *
 * @param <E> the processor's effect type
 */
public final class ProcessorDriver<E> {
  /** Runs a batch's effects synchronously; may record outcomes into the batch; throwing fails the batch. */
  @FunctionalInterface
  public interface Effects<E> {
    void run(List<E> effects, BatchWrites batch);
  }

  /** The component's enricher, synchronous: what to attach to each accepted record of a batch. */
  @FunctionalInterface
  public interface Enrichment {
    Map<StreamRecord, Object> enrich(List<StreamRecord> records, BatchReads reads);
  }

  private final StreamProcessor<E> processor;
  private final RunScope scope;
  private final String offsetKind;
  private final Map<String, TreeMap<byte[], byte[]>> tables = new HashMap<>();
  private final Map<TopicPartition, String> checkpoints = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private Effects<E> effects = (list, batch) -> { };
  private Enrichment enrichment = (records, reads) -> Map.of();
  private Counters counters = Counters.zero(ShellCounters.ALL);
  private boolean storeBeforeEffects;

  public ProcessorDriver(StreamProcessor<E> processor, String platformRunId) {
    this(processor, platformRunId, "file_line");
  }

  public ProcessorDriver(StreamProcessor<E> processor, String platformRunId, String offsetKind) {
    this.processor = processor;
    this.scope = new RunScope(platformRunId);
    this.offsetKind = offsetKind;
  }

  /** Reports these counters as 0 until counted, as the shell does with a component's counter names. */
  public ProcessorDriver<E> withCounterNames(java.util.Collection<String> names) {
    this.counters = Counters.zero(names).plus(counters.values());
    return this;
  }

  /** Sets how effects run (default: they succeed and record nothing). */
  public ProcessorDriver<E> withEffects(Effects<E> runner) {
    this.effects = runner;
    return this;
  }

  /**
   * Commits each batch's writes before its effects run, as the shell does for a component
   * {@code withStoreBeforeEffects()}: when the effects then throw, the writes stay committed, the counters and
   * checkpoints do not move.
   */
  public ProcessorDriver<E> withStoreBeforeEffects() {
    this.storeBeforeEffects = true;
    return this;
  }

  /** Sets what is attached to records before they are applied (default: nothing). */
  public ProcessorDriver<E> withEnrichment(Enrichment e) {
    this.enrichment = e;
    return this;
  }

  /**
   * One batch of raw records (data as on the log); returns what it committed. A record that holds cuts its partition
   * as in the shell: see {@link BatchPlan#held()} through the returned state's {@code holdOf}, and
   * {@link #checkpoint}.
   *
   * @throws RuntimeException whatever the processor or the effects threw; nothing was committed then
   */
  public BatchState<E> feed(List<LogRecord> records) {
    BatchPlan plan = BatchPlan.of(processor, scope, offsetKind, records);
    BatchState<E> state = new BatchState<>(scope.platformRunId());
    for (KeyRequests.TableKeys<?, ?> t : plan.keys().tables()) {
      load(t, state);
    }
    for (KeyRequests.TableKeys<?, ?> t : plan.dependentKeys(processor, state).tables()) {
      load(t, state);
    }
    if (!plan.accepted().isEmpty()) {
      state.enrich(enrichment.enrich(plan.accepted(), state));
    }
    plan.apply(processor, state);
    if (storeBeforeEffects) {
      commitWrites(state);
      state.clearWrites();
    }
    effects.run(state.effects(), state);
    commit(state, plan);
    return state;
  }

  /**
   * One batch of envelopes (JSON-encoded as the log holds them) appended to {@code topic}/{@code partition} at the
   * next line numbers.
   */
  public BatchState<E> feedEnvelopes(String topic, int partition, List<Map<String, ?>> envelopes) {
    List<LogRecord> records = new ArrayList<>();
    for (Map<String, ?> env : envelopes) {
      records.add(record(topic, partition, dev.fp.contract.CanonicalJson.write(env)));
    }
    return feed(records);
  }

  /** A record at the next line number of the partition, carrying {@code data} verbatim. */
  public LogRecord record(String topic, int partition, String data) {
    long offset = nextOffsets.merge(new TopicPartition(topic, partition), 1L, Long::sum) - 1;
    return new LogRecord(topic, partition, Long.toString(offset), "k", data, "2026-01-01T00:00:00.000000Z");
  }

  private <K, V> void load(KeyRequests.TableKeys<K, V> t, BatchState<E> state) {
    Map<K, V> found = new LinkedHashMap<>();
    for (K k : t.keys()) {
      V v = get(t.table(), k);
      if (v != null) {
        found.put(k, v);
      }
    }
    state.load(t.table(), t.keys(), found);
  }

  private void commit(BatchState<E> state, BatchPlan plan) {
    commitWrites(state);
    counters = counters.plus(state.counterDeltas());
    checkpoints.putAll(plan.done());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commitWrites(BatchState<E> state) {
    for (BatchState.Write w : state.writes()) {
      Table t = w.table();
      TreeMap<byte[], byte[]> rows = rows(t.name());
      byte[] key = t.keys().encode(w.key());
      if (w.value() == null) {
        rows.remove(key);
      } else {
        rows.put(key, t.values().encode(w.value()));
      }
    }
  }

  private TreeMap<byte[], byte[]> rows(String table) {
    return tables.computeIfAbsent(table, n -> new TreeMap<>(Arrays::compareUnsigned));
  }

  /** The committed value of {@code key}, or null. */
  public <K, V> V get(Table<K, V> table, K key) {
    byte[] v = rows(table.name()).get(table.keys().encode(key));
    return v == null ? null : table.values().decode(v);
  }

  /** Every committed row of {@code table}, in key order. */
  public <K, V> List<Map.Entry<K, V>> rows(Table<K, V> table) {
    List<Map.Entry<K, V>> out = new ArrayList<>();
    rows(table.name()).forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(table.keys().decode(k),
        table.values().decode(v))));
    return out;
  }

  /** The counters committed so far (the component's and the shell's). */
  public Counters counters() {
    return counters;
  }

  /** The last committed offset of {@code topic}/{@code partition}, or null. */
  public String checkpoint(String topic, int partition) {
    return checkpoints.get(new TopicPartition(topic, partition));
  }
}
