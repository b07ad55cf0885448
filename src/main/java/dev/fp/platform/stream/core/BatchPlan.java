package dev.fp.platform.stream.core;

import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.TopicPartition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure steps of one batch, shared by the shell and {@link ProcessorDriver}: gate every record read (decoding it
 * once), collect the keys the accepted ones need, then — once the caller has loaded those keys into a
 * {@link BatchState} — apply them in log order and add the shell's counters. A record that asks to wait
 * ({@link ProcessorContext#hold}) cuts its partition there: no later record of that partition is applied, counted or
 * checkpointed in this batch ({@link #done}, {@link #held}).
 */
public final class BatchPlan {
  /** A record the gate skipped because it could not be decoded, with why (the shell logs it). */
  public record Undecodable(LogRecord record, String error) {
  }

  /** One record read, in log order: where it is and what the gate decided. */
  private record Entry(TopicPartition partition, String offset, RunScope.Gated gated) {
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<StreamRecord> accepted = new ArrayList<>();
  private final List<Undecodable> undecodable = new ArrayList<>();
  private final KeyRequests keys = new KeyRequests();
  private final Map<TopicPartition, String> done = new LinkedHashMap<>();
  private final Map<TopicPartition, BatchState.Hold> held = new LinkedHashMap<>();

  private BatchPlan() {
  }

  /** Gates {@code records} (any partitions, log order within each) and collects the accepted records' keys. */
  public static BatchPlan of(StreamProcessor<?> processor, RunScope scope, String offsetKind, List<LogRecord> records) {
    BatchPlan plan = new BatchPlan();
    for (LogRecord r : records) {
      RunScope.Gated g = scope.gate(r.topic(), r.partition(), r.offset(), offsetKind, r.publishedAtUtc(), r.data());
      plan.entries.add(new Entry(new TopicPartition(r.topic(), r.partition()), r.offset(), g));
      if (g.verdict() == RunScope.Verdict.ACCEPTED) {
        plan.accepted.add(g.record());
        processor.prefetch(g.record(), plan.keys);
      } else if (g.verdict() == RunScope.Verdict.UNDECODABLE) {
        plan.undecodable.add(new Undecodable(r, g.error()));
      }
    }
    return plan;
  }

  public List<StreamRecord> accepted() {
    return accepted;
  }

  public List<Undecodable> undecodable() {
    return undecodable;
  }

  /** The keys to load into the batch's state before {@link #apply}. */
  public KeyRequests keys() {
    return keys;
  }

  /**
   * The keys to load after {@link #keys()}: those the processor derives from the loaded state and the batch's
   * records ({@link StreamProcessor#prefetchDependent}); empty for most processors.
   */
  public KeyRequests dependentKeys(StreamProcessor<?> processor, BatchReads reads) {
    KeyRequests more = new KeyRequests();
    if (!accepted.isEmpty()) {
      processor.prefetchDependent(accepted, reads, more);
    }
    return more;
  }

  /**
   * Applies the accepted records to {@code state} in order and counts every record done by the shell's counters; a
   * record that holds cuts its partition (it and the partition's later records are left for a later batch).
   */
  public <E> void apply(StreamProcessor<E> processor, BatchState<E> state) {
    state.examinedAtPrefetch(keys);
    long records = 0;
    for (Entry e : entries) {
      if (held.containsKey(e.partition())) {
        continue;
      }
      RunScope.Gated g = e.gated();
      if (g.verdict() == RunScope.Verdict.ACCEPTED) {
        processor.apply(g.record(), state);
        BatchState.Hold hold = state.holdOf(g.record());
        if (hold != null) {
          held.put(e.partition(), hold);
          continue;
        }
      } else {
        state.count(g.verdict().counter(), 1);
      }
      records++;
      done.put(e.partition(), e.offset());
    }
    state.count(ShellCounters.RECORDS, records);
  }

  /** After {@link #apply}: the last offset done per partition (the checkpoint to commit); absent when none was. */
  public Map<TopicPartition, String> done() {
    return done;
  }

  /** After {@link #apply}: the partitions cut by a hold, with the hold. */
  public Map<TopicPartition, BatchState.Hold> held() {
    return held;
  }
}
