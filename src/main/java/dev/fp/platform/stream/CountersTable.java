package dev.fp.platform.stream;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fp.platform.stream.core.Counters;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shell's table of durable counters (rtdl_design §1): one row per (platform_run_id, component) holding every
 * counter of that component for the run, rewritten by each batch commit.
 */
public final class CountersTable {
  /** The row key: a run's rows share the prefix {@code KeyTuple(platformRunId)}. */
  public record Key(String platformRunId, String component) {
  }

  public static final Table<Key, Map<String, Long>> TABLE = new Table<>("stream_counters",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.component()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new Key(r.string(), r.string());
      }), ValueCodec.json(new TypeReference<Map<String, Long>>() {
      }));

  private CountersTable() {
  }

  /** The component's counters for the run: {@code names} at 0 plus whatever was committed. */
  public static Future<Counters> read(StateStore store, String platformRunId, String component, List<String> names) {
    return store.ensureTables(List.of(TABLE)).compose(v -> store.get(TABLE, new Key(platformRunId, component)))
        .map(row -> Counters.zero(names).plus(row == null ? Map.of() : row));
  }

  static Map<String, Long> row(Counters c) {
    return new TreeMap<>(c.values());
  }
}
