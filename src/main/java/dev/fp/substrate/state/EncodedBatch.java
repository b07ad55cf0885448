package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.Lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WriteBatch} as the adapters apply it: per table, the keys to put (with their encoded values) and the keys
 * to delete — disjoint, since the batch collapsed writes per key — plus the leases to fence.
 */
final class EncodedBatch {
  /** The rows of one table that a batch writes. */
  static final class TableWrites {
    final List<byte[]> putKeys = new ArrayList<>();
    final List<byte[]> putValues = new ArrayList<>();
    final List<byte[]> deleteKeys = new ArrayList<>();
  }

  private final Map<String, TableWrites> tables = new LinkedHashMap<>();
  private final List<Lease> fences;

  EncodedBatch(Collection<Lease> fences) {
    this.fences = List.copyOf(fences);
  }

  void put(String table, byte[] key, byte[] value) {
    TableWrites w = tables.computeIfAbsent(table, t -> new TableWrites());
    w.putKeys.add(key);
    w.putValues.add(value);
  }

  void delete(String table, byte[] key) {
    tables.computeIfAbsent(table, t -> new TableWrites()).deleteKeys.add(key);
  }

  Map<String, TableWrites> tables() { return tables; }

  List<Lease> fences() { return fences; }

  boolean isEmpty() {
    return tables.isEmpty();
  }
}
