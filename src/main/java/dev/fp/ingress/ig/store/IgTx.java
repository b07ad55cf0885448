package dev.fp.ingress.ig.store;

import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit's view of the StateStore batch IG is building: reads see the batch's own writes first, then the store
 * (which holds every batch committed before this one: IG commits one batch at a time), writes go into the batch.
 * So a read-check-write of one unit is not interleaved with another unit's.
 */
public final class IgTx {
  private final StateStore store;
  private final WriteBatch batch;

  public IgTx(StateStore store, WriteBatch batch) {
    this.store = store;
    this.batch = batch;
  }

  /** The present values of {@code keys} (absent and deleted keys are left out). */
  public <K, V> Future<Map<K, V>> multiGet(Table<K, V> table, Collection<K> keys) {
    Map<K, V> out = new HashMap<>();
    List<K> unstaged = new ArrayList<>();
    for (K k : keys) {
      WriteBatch.Staged<V> staged = batch.staged(table, k);
      if (staged == null) {
        unstaged.add(k);
      } else if (!staged.deleted()) {
        out.put(k, staged.value());
      }
    }
    if (unstaged.isEmpty()) {
      return Future.succeededFuture(out);
    }
    return store.multiGet(table, unstaged).map(found -> {
      out.putAll(found);
      return out;
    });
  }

  public <K, V> Future<V> get(Table<K, V> table, K key) {
    return multiGet(table, List.of(key)).map(m -> m.get(key));
  }

  public <K, V> IgTx put(Table<K, V> table, K key, V value) {
    batch.put(table, key, value);
    return this;
  }

  public <K, V> IgTx delete(Table<K, V> table, K key) {
    batch.delete(table, key);
    return this;
  }
}
