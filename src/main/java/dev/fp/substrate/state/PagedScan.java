package dev.fp.substrate.state;

import io.vertx.core.Future;

import java.util.function.Consumer;

/** Whole-prefix scans of a {@link StateStore} table, a page at a time, never holding more than a page in memory. */
public final class PagedScan {
  public static final int PAGE = 1_000;

  private PagedScan() {
  }

  /** Visits every row of {@code table} under {@code prefix} in key order. */
  public static <K, V> Future<Void> all(StateStore store, Table<K, V> table, byte[] prefix,
                                        Consumer<KeyValue<K, V>> visit) {
    return page(store, table, KeyRange.prefix(prefix), visit);
  }

  private static <K, V> Future<Void> page(StateStore store, Table<K, V> table, KeyRange range,
                                          Consumer<KeyValue<K, V>> visit) {
    return store.scan(table, range, PAGE).compose(rows -> {
      rows.forEach(visit);
      if (rows.size() < PAGE) {
        return Future.succeededFuture();
      }
      return page(store, table, range.after(table.keys().encode(rows.get(rows.size() - 1).key())), visit);
    });
  }
}
