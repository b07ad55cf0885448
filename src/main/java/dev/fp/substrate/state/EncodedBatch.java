package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.Lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WriteBatch} as the adapters apply it: per table, the keys to put (with their encoded values), the keys to
 * insert only where absent, and the keys to delete — disjoint, since the batch collapsed writes per key — plus the
 * leases to fence.
 */
final class EncodedBatch {
  /** The rows of one table that a batch writes. */
  static final class TableWrites {
    final List<byte[]> putKeys = new ArrayList<>();
    final List<byte[]> putValues = new ArrayList<>();
    final List<byte[]> deleteKeys = new ArrayList<>();
    final List<byte[]> insertKeys = new ArrayList<>();
    final List<byte[]> insertValues = new ArrayList<>();
  }

  private final Map<String, TableWrites> tables = new LinkedHashMap<>();
  private final List<Lease> fences;
  private boolean inserts;

  EncodedBatch(Collection<Lease> fences) {
    this.fences = List.copyOf(fences);
  }

  void put(String table, byte[] key, byte[] value) {
    TableWrites w = tables.computeIfAbsent(table, t -> new TableWrites());
    w.putKeys.add(key);
    w.putValues.add(value);
  }

  void insert(String table, byte[] key, byte[] value) {
    TableWrites w = tables.computeIfAbsent(table, t -> new TableWrites());
    w.insertKeys.add(key);
    w.insertValues.add(value);
    inserts = true;
  }

  void delete(String table, byte[] key) {
    tables.computeIfAbsent(table, t -> new TableWrites()).deleteKeys.add(key);
  }

  Map<String, TableWrites> tables() { return tables; }

  List<Lease> fences() { return fences; }

  /** Whether any table has a conditional insert (the RocksDB writer then tracks the keys its group touches). */
  boolean hasInserts() { return inserts; }

  boolean isEmpty() {
    return tables.isEmpty();
  }
}
