package dev.fp.substrate.state;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The one thread that writes a RocksDB store, with group commit: it takes every batch waiting in its queue (up to
 * {@link #MAX_GROUP}), applies them as one RocksDB write batch with the WAL synced once, then completes each
 * caller's future on the caller's own Vert.x context. Batches of a group apply in submission order (a conditional
 * insert is checked here, on the one writing thread, so first write wins without a lock); a failed write
 * fails every batch of its group and writes none of them. The queue is bounded: when it is full, {@link #submit}
 * fails at once with {@link StateStoreSaturatedException}.
 */
final class RocksDbWriter {
  /** Batches merged into one synced write at most: bounds a group's memory and its members' wait. */
  static final int MAX_GROUP = 256;
  private static final Pending STOP = new Pending(null, null, null);

  private record Pending(EncodedBatch batch, Context context, Promise<Void> promise) {
  }

  private final Vertx vertx;
  private final RocksDB db;
  private final Function<String, ColumnFamilyHandle> families;
  private final BlockingQueue<Pending> queue;
  private final int capacity;
  private final Thread thread;
  private volatile boolean stopping;

  /** {@code families} resolves a table name to its column family (called on the writer thread). */
  RocksDbWriter(Vertx vertx, RocksDB db, Function<String, ColumnFamilyHandle> families, int capacity, String name) {
    this.vertx = vertx;
    this.db = db;
    this.families = families;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a batch; the future completes on the caller's context once the batch is synced to the WAL. */
  Future<Void> submit(EncodedBatch batch) {
    if (stopping) {
      return Future.failedFuture(new StateStoreException("commit", "the state store is closed"));
    }
    Promise<Void> promise = Promise.promise();
    if (queue.size() >= capacity || !queue.offer(new Pending(batch, vertx.getOrCreateContext(), promise))) {
      return Future.failedFuture(new StateStoreSaturatedException(capacity));
    }
    return promise.future();
  }

  /** Writes what was accepted, then stops the thread (blocking: call from a worker). */
  void stop() throws InterruptedException {
    stopping = true;
    queue.put(STOP);
    thread.join();
    List<Pending> late = new ArrayList<>();
    queue.drainTo(late);
    late.stream().filter(p -> p != STOP)
        .forEach(p -> complete(p, new StateStoreException("commit", "the state store is closed")));
  }

  private void run() {
    List<Pending> group = new ArrayList<>(MAX_GROUP);
    boolean stop = false;
    while (!stop) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      stop = group.remove(STOP);
      if (!group.isEmpty()) {
        Throwable failure = write(group);
        group.forEach(p -> complete(p, failure));
      }
    }
  }

  private Throwable write(List<Pending> group) {
    // a conditional insert sees the database plus the earlier batches of its group, which are not written yet: the
    // keys the group writes are tracked in the tables that have such inserts (usually none)
    Set<String> conditional = new HashSet<>();
    group.stream().filter(p -> p.batch().hasInserts()).forEach(p -> p.batch().tables().forEach((table, w) -> {
      if (!w.insertKeys.isEmpty()) {
        conditional.add(table);
      }
    }));
    Map<ColumnFamilyHandle, Map<ByteBuffer, Boolean>> touched = new HashMap<>();
    try (WriteBatch wb = new WriteBatch(); WriteOptions sync = new WriteOptions().setSync(true)) {
      for (Pending p : group) {
        for (var table : p.batch().tables().entrySet()) {
          ColumnFamilyHandle cf = families.apply(table.getKey());
          EncodedBatch.TableWrites w = table.getValue();
          Map<ByteBuffer, Boolean> present = conditional.contains(table.getKey())
              ? touched.computeIfAbsent(cf, c -> new HashMap<>()) : null;
          for (int i = 0; i < w.insertKeys.size(); i++) {
            byte[] key = w.insertKeys.get(i);
            if (!exists(cf, key, present)) {
              wb.put(cf, key, w.insertValues.get(i));
              present.put(ByteBuffer.wrap(key), true);
            }
          }
          for (int i = 0; i < w.putKeys.size(); i++) {
            wb.put(cf, w.putKeys.get(i), w.putValues.get(i));
            if (present != null) {
              present.put(ByteBuffer.wrap(w.putKeys.get(i)), true);
            }
          }
          for (byte[] key : w.deleteKeys) {
            wb.delete(cf, key);
            if (present != null) {
              present.put(ByteBuffer.wrap(key), false);
            }
          }
        }
      }
      db.write(sync, wb);
      return null;
    } catch (RocksDBException | RuntimeException e) {
      return new StateStoreException("commit", "RocksDB write of " + group.size() + " batches failed: "
          + e.getMessage(), e);
    }
  }

  /** Whether {@code key} exists: as the group left it, else in the database (the bloom filter answers most misses). */
  private boolean exists(ColumnFamilyHandle cf, byte[] key, Map<ByteBuffer, Boolean> group) throws RocksDBException {
    Boolean known = group.get(ByteBuffer.wrap(key));
    if (known != null) {
      return known;
    }
    return db.keyMayExist(cf, key, null) && db.get(cf, key) != null;
  }

  private static void complete(Pending p, Throwable failure) {
    p.context().runOnContext(v -> {
      if (failure == null) {
        p.promise().complete();
      } else {
        p.promise().fail(failure);
      }
    });
  }
}
