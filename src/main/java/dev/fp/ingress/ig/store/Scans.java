package dev.fp.ingress.ig.store;

import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Reads a key range page by page, so a scan over a large run never holds more than a page of rows. */
final class Scans {
  static final int PAGE = 10_000;

  private Scans() {
  }

  /** Every row of {@code range}, in key order, handed to {@code each}. */
  static <K, V> Future<Void> forEach(StateStore store, Table<K, V> table, KeyRange range,
                                     Consumer<KeyValue<K, V>> each) {
    return until(store, table, range, kv -> {
      each.accept(kv);
      return true;
    });
  }

  /** Rows of {@code range} in key order until {@code each} answers false. */
  static <K, V> Future<Void> until(StateStore store, Table<K, V> table, KeyRange range,
                                   Predicate<KeyValue<K, V>> each) {
    return store.scan(table, range, PAGE).compose(page -> {
      for (KeyValue<K, V> kv : page) {
        if (!each.test(kv)) {
          return Future.succeededFuture();
        }
      }
      if (page.size() < PAGE) {
        return Future.succeededFuture();
      }
      K last = page.get(page.size() - 1).key();
      return until(store, table, range.after(table.keys().encode(last)), each);
    });
  }

  /** Every run IG has seen. */
  static Future<List<String>> runs(StateStore store) {
    List<String> runs = new java.util.ArrayList<>();
    return forEach(store, IgTables.RUNS, KeyRange.all(), kv -> runs.add(kv.key())).map(runs);
  }
}
