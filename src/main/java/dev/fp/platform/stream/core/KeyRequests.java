package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state keys a batch reads, per table (each key once), collected from {@link StreamProcessor#prefetch}. */
public final class KeyRequests {
  /** The keys asked of one table, by their encoding. */
  public static final class TableKeys<K, V> {
    private final Table<K, V> table;
    private final Map<Object, K> keys = new LinkedHashMap<>();

    TableKeys(Table<K, V> table) {
      this.table = table;
    }

    public Table<K, V> table() {
      return table;
    }

    public Collection<K> keys() {
      return keys.values();
    }
  }

  private final Map<String, TableKeys<?, ?>> tables = new LinkedHashMap<>();

  /** Asks for {@code key} of {@code table}. */
  public <K, V> KeyRequests need(Table<K, V> table, K key) {
    tableKeys(table).keys.putIfAbsent(BatchState.rowId(key), key);
    return this;
  }

  @SuppressWarnings("unchecked")
  private <K, V> TableKeys<K, V> tableKeys(Table<K, V> table) {
    TableKeys<?, ?> t = tables.computeIfAbsent(table.name(), n -> new TableKeys<>(table));
    if (t.table() != table && !t.table().equals(table)) {
      throw new IllegalArgumentException("two different tables are named " + table.name());
    }
    return (TableKeys<K, V>) t;
  }

  /** Every table asked of, with its keys, in the order first asked. */
  public List<TableKeys<?, ?>> tables() {
    return new ArrayList<>(tables.values());
  }
}
