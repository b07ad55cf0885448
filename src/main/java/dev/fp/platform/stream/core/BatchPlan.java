package dev.fp.platform.stream.core;

import dev.fp.substrate.eventlog.LogRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure steps of one batch, shared by the shell and {@link ProcessorDriver}: gate every record read (decoding it
 * once), collect the keys the accepted ones need, then — once the caller has loaded those keys into a
 * {@link BatchState} — apply them in log order and add the shell's counters.
 */
public final class BatchPlan {
  /** A record the gate skipped because it could not be decoded, with why (the shell logs it). */
  public record Undecodable(LogRecord record, String error) {
  }

  private final List<StreamRecord> accepted = new ArrayList<>();
  private final List<RunScope.Gated> skipped = new ArrayList<>();
  private final List<Undecodable> undecodable = new ArrayList<>();
  private final KeyRequests keys = new KeyRequests();
  private final int read;

  private BatchPlan(int read) {
    this.read = read;
  }

  /** Gates {@code records} (any partitions, log order within each) and collects the accepted records' keys. */
  public static BatchPlan of(StreamProcessor<?> processor, RunScope scope, String offsetKind, List<LogRecord> records) {
    BatchPlan plan = new BatchPlan(records.size());
    for (LogRecord r : records) {
      RunScope.Gated g = scope.gate(r.topic(), r.partition(), r.offset(), offsetKind, r.publishedAtUtc(), r.data());
      if (g.verdict() == RunScope.Verdict.ACCEPTED) {
        plan.accepted.add(g.record());
        processor.prefetch(g.record(), plan.keys);
      } else {
        plan.skipped.add(g);
        if (g.verdict() == RunScope.Verdict.UNDECODABLE) {
          plan.undecodable.add(new Undecodable(r, g.error()));
        }
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

  /** Applies the accepted records to {@code state} in order and counts every record read by the shell's counters. */
  public <E> void apply(StreamProcessor<E> processor, BatchState<E> state) {
    for (StreamRecord r : accepted) {
      processor.apply(r, state);
    }
    state.count(ShellCounters.RECORDS, read);
    for (RunScope.Gated g : skipped) {
      state.count(g.verdict().counter(), 1);
    }
  }
}
