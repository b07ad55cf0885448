package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.store.IgTables.RunScoped;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Table {@code ig_run_counters}: durable per-run decision counters ({@code decision.ADMIT}, {@code reason.<CODE>},
 * {@code publish_ambiguous}, …), added in the cycle's batch so health, metrics and P7 survive a restart. An addition
 * reads the value through the batch ({@link IgTx}), so the units of one batch add up.
 */
public final class RunCountersStore {
  private final StateStore store;

  public RunCountersStore(StateStore store) {
    this.store = store;
  }

  /** Adds each delta (run → counter → delta). */
  public Future<Void> add(IgTx tx, Map<String, Map<String, Long>> deltas) {
    List<RunScoped> keys = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    deltas.forEach((run, counters) -> counters.forEach((counter, delta) -> {
      keys.add(new RunScoped(run, counter));
      values.add(delta);
    }));
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.multiGet(IgTables.COUNTERS, keys).map(current -> {
      for (int i = 0; i < keys.size(); i++) {
        tx.put(IgTables.COUNTERS, keys.get(i), current.getOrDefault(keys.get(i), 0L) + values.get(i));
      }
      return null;
    });
  }

  public Future<Map<String, Long>> read(String platformRunId) {
    Map<String, Long> out = new TreeMap<>();
    return Scans.forEach(store, IgTables.COUNTERS, KeyRange.prefix(IgTables.runPrefix(platformRunId)),
        kv -> out.put(kv.key().id(), kv.value())).map(out);
  }
}
