package dev.fp.rtdl.dl.store;

import dev.fp.rtdl.dl.core.Posture;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * DL's StateStore tables; keys start with the platform_run_id.
 * <ul>
 *   <li>{@code dl_current_posture}: {@code (run, scope_key)} → the latest {@link Posture} (rewritten every tick);</li>
 *   <li>{@code dl_posture_history}: {@code (run, scope_key, posture_seq)} → each posture that changed the mode, with
 *       whether its control event was appended yet (the outbox: appended after the commit, re-appended on start when
 *       a crash came in between).</li>
 * </ul>
 */
public final class DlTables {
  /** A posture of the history and whether its {@code dl.posture_changed.v1} control event was written. */
  public record HistoryEntry(Posture posture, boolean published) {
  }

  public record ScopeKey(String platformRunId, String scopeKey) {
  }

  public record HistoryKey(String platformRunId, String scopeKey, long postureSeq) {
  }

  public static final Table<ScopeKey, Posture> CURRENT = new Table<>("dl_current_posture",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.scopeKey()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new ScopeKey(r.string(), r.string());
      }), ValueCodec.json(Posture.class));

  public static final Table<HistoryKey, HistoryEntry> HISTORY = new Table<>("dl_posture_history",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.scopeKey(), k.postureSeq()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new HistoryKey(r.string(), r.string(), r.int64());
      }), ValueCodec.json(HistoryEntry.class));

  public static final List<Table<?, ?>> ALL = List.of(CURRENT, HISTORY);

  private DlTables() {
  }

  /** The encoded prefix of a scope's history rows, in posture_seq order. */
  public static byte[] historyPrefix(String platformRunId, String scopeKey) {
    return KeyTuple.of(platformRunId, scopeKey);
  }
}
