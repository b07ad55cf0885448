package dev.fp.ingress.ig.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * IG's StateStore tables; every key starts with the platform_run_id, so a run's rows are one key prefix.
 * <ul>
 *   <li>{@code ig_admissions}: {@code (run, dedupe_key)} → {@link AdmissionDoc}, the dedupe authority;</li>
 *   <li>{@code ig_unsettled}: {@code (run, state, dedupe_key)} → {@link UnsettledDoc}, one row per admission that is
 *       not ADMITTED (in flight, ambiguous, released): small, so sweeps, health and P7 read it instead of the
 *       admissions;</li>
 *   <li>{@code ig_receipts}: {@code (run, receipt_id)} → {@link ReceiptRow}, DUPLICATE and QUARANTINE receipts (and
 *       back-filled or reconciled ADMIT ones; an ADMIT receipt is otherwise indexed by its admission row);</li>
 *   <li>{@code ig_quarantines}: {@code (run, quarantine_id)} → {@link QuarantineRow};</li>
 *   <li>{@code ig_run_counters}: {@code (run, counter)} → value, the durable decision counters;</li>
 *   <li>{@code ig_runs}: {@code (run)} → {@link RunDoc}, the runs IG has seen, so a lookup by dedupe_key or
 *       receipt_id alone can try each run.</li>
 * </ul>
 */
public final class IgTables {
  /** An admission row's key. */
  public record RowKey(String platformRunId, String dedupeKey) {
  }

  /** An unsettled row's key. */
  public record UnsettledKey(String platformRunId, String state, String dedupeKey) {
  }

  /** A receipt's, quarantine record's or counter's key: the run and an id. */
  public record RunScoped(String platformRunId, String id) {
  }

  /** The value of {@code ig_unsettled}: when the row last changed, and the claim that holds it in flight. */
  public record UnsettledDoc(String updatedAtUtc, String claimToken) {
  }

  /** The value of {@code ig_runs}: when IG last wrote a row of the run. */
  public record RunDoc(String lastWrittenAtUtc) {
  }

  public static final Table<RowKey, AdmissionDoc> ADMISSIONS = new Table<>("ig_admissions",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.dedupeKey()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new RowKey(r.string(), r.string());
      }), AdmissionDocCodec.INSTANCE);

  public static final Table<UnsettledKey, UnsettledDoc> UNSETTLED = new Table<>("ig_unsettled",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.state(), k.dedupeKey()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new UnsettledKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(UnsettledDoc.class));

  public static final Table<RunScoped, ReceiptRow> RECEIPTS = new Table<>("ig_receipts", runScoped(),
      ValueCodec.json(ReceiptRow.class));

  public static final Table<RunScoped, QuarantineRow> QUARANTINES = new Table<>("ig_quarantines", runScoped(),
      ValueCodec.json(QuarantineRow.class));

  public static final Table<RunScoped, Long> COUNTERS = new Table<>("ig_run_counters", runScoped(),
      ValueCodec.json(Long.class));

  public static final Table<String, RunDoc> RUNS = new Table<>("ig_runs",
      KeyCodec.of(KeyTuple::of, b -> KeyTuple.reader(b).string()), ValueCodec.json(RunDoc.class));

  public static final List<Table<?, ?>> ALL = List.of(ADMISSIONS, UNSETTLED, RECEIPTS, QUARANTINES, COUNTERS, RUNS);

  private IgTables() {
  }

  /** The encoded prefix of every row of a run (and, with a state, of its unsettled rows in that state). */
  public static byte[] runPrefix(String platformRunId, String... more) {
    Object[] parts = new Object[1 + more.length];
    parts[0] = platformRunId;
    System.arraycopy(more, 0, parts, 1, more.length);
    return KeyTuple.of(parts);
  }

  /** Records that the batch writes rows of {@code run} (a put of one small row: cheaper than reading it first). */
  static void seen(IgTx tx, String run, String atUtc) {
    tx.put(RUNS, run, new RunDoc(atUtc));
  }

  private static KeyCodec<RunScoped> runScoped() {
    return KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.id()), b -> {
      KeyTuple.Reader r = KeyTuple.reader(b);
      return new RunScoped(r.string(), r.string());
    });
  }
}
