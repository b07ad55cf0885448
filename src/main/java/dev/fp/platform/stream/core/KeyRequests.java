package dev.fp.platform.stream.core;

import dev.fp.substrate.state.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
  private final Map<StreamRecord, Object> examined = new IdentityHashMap<>();

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

  /**
   * What {@code examine} makes of {@code record} (its validation, the ids derived from it: what prefetch and apply
   * both need), worked out once per batch: {@link ProcessorContext#examined} hands apply the same object. A memo only,
   * never state: a record examined nowhere else is simply examined again.
   */
  @SuppressWarnings("unchecked")
  public <T> T examined(StreamRecord record, Function<StreamRecord, T> examine) {
    return (T) examined.computeIfAbsent(record, examine);
  }

  Map<StreamRecord, Object> examinedRecords() {
    return examined;
  }

  /** Every table asked of, with its keys, in the order first asked. */
  public List<TableKeys<?, ?>> tables() {
    return new ArrayList<>(tables.values());
  }
}
