package dev.fp.caselabels.ls.store;

import dev.fp.caselabels.ls.core.LedgerEntry;
import dev.fp.caselabels.ls.core.TimelineEntry;
import dev.fp.caselabels.ls.core.WriterBoundary;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * The Label Store's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code ls_label_assertions}: {@code (run, label_assertion_id)} → the ledger row (first write wins);</li>
 *   <li>{@code ls_label_timeline}: {@code (run, event_id, label_type, observed_time, effective_time, id)} → the
 *       committed assertion: a subject's timeline (of one type) is one prefix scan, already in timeline order;</li>
 *   <li>{@code ls_label_mismatches}: {@code (run, id, seq)} → a submission that disagreed with the ledger row;</li>
 *   <li>{@code ls_label_rejections}: {@code (run, seq)} → a submission refused before the ledger (contract,
 *       evidence, run scope), with its reason and body, so a reject loses nothing.</li>
 * </ul>
 */
public final class LsTables {
  public record LedgerKey(String platformRunId, String labelAssertionId) {
  }

  public record TimelineKey(String platformRunId, String eventId, String labelType, String observedTime,
                            String effectiveTime, String labelAssertionId) {
  }

  public record MismatchKey(String platformRunId, String labelAssertionId, long seq) {
  }

  public record RejectionKey(String platformRunId, long seq) {
  }

  /** A rejection as stored (the body as JSON, whatever its shape). */
  public record RejectionRow(String reasonCode, String detail, String labelAssertionId, Object assertion,
                             String observedAtUtc) {
  }

  public static final Table<LedgerKey, LedgerEntry> ASSERTIONS = new Table<>("ls_label_assertions",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.labelAssertionId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new LedgerKey(r.string(), r.string());
      }), ValueCodec.json(LedgerEntry.class));

  public static final Table<TimelineKey, TimelineEntry> TIMELINE = new Table<>("ls_label_timeline",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventId(), k.labelType(), k.observedTime(),
          k.effectiveTime(), k.labelAssertionId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new TimelineKey(r.string(), r.string(), r.string(), r.string(), r.string(), r.string());
      }), ValueCodec.json(TimelineEntry.class));

  public static final Table<MismatchKey, WriterBoundary.Mismatch> MISMATCHES = new Table<>("ls_label_mismatches",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.labelAssertionId(), k.seq()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new MismatchKey(r.string(), r.string(), r.int64());
      }), ValueCodec.json(WriterBoundary.Mismatch.class));

  public static final Table<RejectionKey, RejectionRow> REJECTIONS = new Table<>("ls_label_rejections",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.seq()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new RejectionKey(r.string(), r.int64());
      }), ValueCodec.json(RejectionRow.class));

  public static final List<Table<?, ?>> ALL = List.of(ASSERTIONS, TIMELINE, MISMATCHES, REJECTIONS);

  private LsTables() {
  }

  public static TimelineKey timelineKey(TimelineEntry e, String platformRunId, String eventId) {
    return new TimelineKey(platformRunId, eventId, e.labelType(), e.observedTime(), e.effectiveTime(),
        e.labelAssertionId());
  }

  /** The timeline of a subject: of one label type, or of all when {@code labelType} is null. */
  public static byte[] timelinePrefix(String platformRunId, String eventId, String labelType) {
    return labelType == null ? KeyTuple.of(platformRunId, eventId) : KeyTuple.of(platformRunId, eventId, labelType);
  }
}
