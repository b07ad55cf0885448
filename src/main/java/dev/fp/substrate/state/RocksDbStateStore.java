package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The StateStore on RocksDB (embedded profile): one database directory, a column family per table, writes through
 * one {@link RocksDbWriter} thread with group commit and a synced WAL, reads on the calling worker thread or on a
 * small worker pool when called from an event loop.
 *
 * <p>Fencing: RocksDB locks its directory, so only one process can write the store; inside that process a consumer
 * group has one live consumer (its lease in the SQL store). A batch's fences are therefore not checked here — no
 * other process can have taken over the group and still write these tables.
 *
 * <p>Native handles are used under a read lock and freed under the write lock in {@link #close}, so a read racing a
 * close fails cleanly instead of touching freed memory.
 */
final class RocksDbStateStore implements StateStore {
  private final Vertx vertx;
  private final Path path;
  private final Clock clock;
  private final RocksDbOptions options;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> opened;
  private final Map<String, ColumnFamilyHandle> families = new ConcurrentHashMap<>();
  private final WorkerExecutor readers;
  private final RocksDbWriter writer;
  private final Path secondaryDir;
  private final ReadWriteLock handles = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private Future<Void> closing;

  private RocksDbStateStore(Vertx vertx, RocksDbSettings s, Clock clock, RocksDbOptions options, RocksDB db,
                            List<ColumnFamilyHandle> opened, Path secondaryDir) throws RocksDBException {
    this.vertx = vertx;
    this.path = s.path();
    this.clock = clock;
    this.options = options;
    this.db = db;
    this.opened = opened;
    this.secondaryDir = secondaryDir;
    for (ColumnFamilyHandle h : opened) {
      families.put(new String(h.getName(), StandardCharsets.UTF_8), h);
    }
    this.readers = vertx.createSharedWorkerExecutor("fp-state-read-" + s.path(), s.readThreads());
    this.writer = secondaryDir != null ? null
        : new RocksDbWriter(vertx, db, families::get, s.maxPendingBatches(), "fp-state-writer");
  }

  /** Opens (creating if missing) the database for writing; fails when another process owns the directory. */
  static Future<StateStore> open(Vertx vertx, RocksDbSettings s, Clock clock) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(s.path());
      List<byte[]> names = existingFamilies(s.path());
      if (names.stream().noneMatch(n -> new String(n, StandardCharsets.UTF_8).equals(CheckpointTable.NAME))) {
        names.add(CheckpointTable.NAME.getBytes(StandardCharsets.UTF_8));
      }
      return openWith(vertx, s, clock, names, null);
    }, false);
  }

  /**
   * Opens another process's database read-only, as a RocksDB secondary instance: it sees what was committed when it
   * opened (WAL included) and never writes the primary's files.
   */
  static Future<StateStore> openSecondary(Vertx vertx, RocksDbSettings s) {
    return vertx.executeBlocking(() -> {
      if (!Files.exists(s.path().resolve("CURRENT"))) {
        throw new StateStoreException("open", "no RocksDB state store at " + s.path());
      }
      Path secondary = Files.createTempDirectory("fp-state-secondary");
      try {
        return openWith(vertx, s, Clock.systemUTC(), existingFamilies(s.path()), secondary);
      } catch (RuntimeException | RocksDBException e) {
        deleteTree(secondary);
        throw e;
      }
    }, false);
  }

  private static List<byte[]> existingFamilies(Path path) throws RocksDBException {
    if (!Files.exists(path.resolve("CURRENT"))) {
      return new ArrayList<>(List.of(RocksDB.DEFAULT_COLUMN_FAMILY));
    }
    try (Options o = new Options()) {
      return new ArrayList<>(RocksDB.listColumnFamilies(o, path.toString()));
    }
  }

  private static StateStore openWith(Vertx vertx, RocksDbSettings s, Clock clock, List<byte[]> names, Path secondary)
      throws RocksDBException {
    RocksDB.loadLibrary();
    RocksDbOptions options = new RocksDbOptions(s, secondary != null);
    List<ColumnFamilyDescriptor> descriptors = names.stream()
        .map(n -> new ColumnFamilyDescriptor(n, options.family)).toList();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = secondary == null ? RocksDB.open(options.db, s.path().toString(), descriptors, handles)
          : RocksDB.openAsSecondary(options.db, s.path().toString(), secondary.toString(), descriptors, handles);
      if (secondary != null) {
        db.tryCatchUpWithPrimary();
      }
      return new RocksDbStateStore(vertx, s, clock, options, db, handles, secondary);
    } catch (RocksDBException e) {
      options.close();
      String inUse = e.getMessage() != null && e.getMessage().contains("lock") ? " (another process owns the "
          + "directory: stop it, or open the store read-only)" : "";
      throw new StateStoreException("open", "cannot open RocksDB at " + s.path() + ": " + e.getMessage() + inUse, e);
    }
  }

  @Override
  public Future<Void> ensureTables(Collection<Table<?, ?>> tables) {
    List<String> missing = tables.stream().map(Table::name).distinct().filter(n -> !families.containsKey(n)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    if (writer == null) {
      return Future.failedFuture(StateStoreException.readOnly("ensure tables " + missing, description()));
    }
    return read("ensure tables " + missing, () -> {
      synchronized (families) {
        for (String name : missing) {
          if (!families.containsKey(name)) {
            ColumnFamilyHandle h = db.createColumnFamily(
                new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), options.family));
            opened.add(h);
            families.put(name, h);
          }
        }
      }
      return null;
    });
  }

  @Override
  public <K, V> Future<V> get(Table<K, V> table, K key) {
    byte[] k = table.keys().encode(key);
    return read("get " + table.name(), () -> {
      byte[] v = db.get(family(table.name()), k);
      return v == null ? null : table.values().decode(v);
    });
  }

  @Override
  public <K, V> Future<Map<K, V>> multiGet(Table<K, V> table, Collection<K> keys) {
    List<K> asked = List.copyOf(keys);
    List<byte[]> encoded = asked.stream().map(table.keys()::encode).toList();
    if (asked.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return read("multiGet " + table.name(), () -> {
      ColumnFamilyHandle cf = family(table.name());
      List<byte[]> values = db.multiGetAsList(Collections.nCopies(encoded.size(), cf), encoded);
      Map<K, V> out = new LinkedHashMap<>();
      for (int i = 0; i < asked.size(); i++) {
        if (values.get(i) != null) {
          out.put(asked.get(i), table.values().decode(values.get(i)));
        }
      }
      return out;
    });
  }

  @Override
  public <K, V> Future<List<KeyValue<K, V>>> scan(Table<K, V> table, KeyRange range, int limit) {
    return read("scan " + table.name(), () -> {
      List<KeyValue<K, V>> out = new ArrayList<>();
      scanRaw(table.name(), range, limit, (k, v) -> out.add(new KeyValue<>(table.keys().decode(k),
          table.values().decode(v))));
      return out;
    });
  }

  private void scanRaw(String table, KeyRange range, int limit, java.util.function.BiConsumer<byte[], byte[]> row)
      throws RocksDBException {
    StateStores.checkLimit(limit);
    ColumnFamilyHandle cf = family(table);
    try (Slice upper = range.to() == null ? null : new Slice(range.to());
         ReadOptions ro = upper == null ? new ReadOptions() : new ReadOptions().setIterateUpperBound(upper);
         RocksIterator it = db.newIterator(cf, ro)) {
      if (range.from() == null) {
        it.seekToFirst();
      } else {
        it.seek(range.from());
      }
      for (int n = 0; n < limit && it.isValid(); n++, it.next()) {
        row.accept(it.key(), it.value());
      }
      it.status();
    }
  }

  @Override
  public Future<Void> commit(WriteBatch batch) {
    if (writer == null) {
      return Future.failedFuture(StateStoreException.readOnly("commit", description()));
    }
    EncodedBatch encoded;
    try {
      encoded = batch.encode(clock, families::containsKey, description());
    } catch (StateStoreException e) {
      return Future.failedFuture(e);
    }
    return encoded.isEmpty() ? Future.succeededFuture() : writer.submit(encoded);
  }

  @Override
  public Future<Map<TopicPartition, Checkpoint>> checkpoints(String groupId) {
    return read("checkpoints " + groupId, () -> {
      Map<TopicPartition, Checkpoint> out = new LinkedHashMap<>();
      scanRaw(CheckpointTable.NAME, CheckpointTable.group(groupId), Integer.MAX_VALUE, (k, v) -> {
        Checkpoint c = CheckpointTable.decode(k, v);
        out.put(c.partition(), c);
      });
      return out;
    });
  }

  @Override
  public List<String> tableNames() {
    return families.keySet().stream().filter(n -> !n.startsWith("_") && !n.equals("default")).sorted().toList();
  }

  @Override
  public String kind() { return "rocksdb"; }

  @Override
  public String description() {
    return "rocksdb " + path + (writer == null ? " (read-only)" : "");
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = vertx.executeBlocking(() -> {
        closeNow();
        return null;
      }, false);
    }
    return closing;
  }

  private void closeNow() throws Exception {
    if (writer != null) {
      writer.stop();
    }
    handles.writeLock().lock();
    try {
      closed = true;
      if (writer != null) {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
          db.flush(flush, opened);
        }
      }
      opened.forEach(ColumnFamilyHandle::close);
      db.closeE();
      options.close();
    } finally {
      handles.writeLock().unlock();
      readers.close();
      if (secondaryDir != null) {
        deleteTree(secondaryDir);
      }
    }
  }

  /**
   * Runs a read (or table creation) under the handle lock: inline when the caller is already a worker thread,
   * otherwise on the store's reader pool — never on an event loop.
   */
  private <T> Future<T> read(String op, Callable<T> work) {
    Callable<T> guarded = () -> {
      handles.readLock().lock();
      try {
        if (closed) {
          throw new StateStoreException(op, "the state store is closed");
        }
        return work.call();
      } catch (StateStoreException e) {
        throw e;
      } catch (Exception e) {
        throw new StateStoreException(op, e.getMessage(), e);
      } finally {
        handles.readLock().unlock();
      }
    };
    try {
      return Context.isOnWorkerThread() ? Future.succeededFuture(guarded.call())
          : readers.executeBlocking(guarded, false);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Future.failedFuture(new StateStoreException(op, "the state store is closed"));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private ColumnFamilyHandle family(String table) {
    ColumnFamilyHandle h = families.get(table);
    if (h == null) {
      throw StateStoreException.noSuchTable("read", table, description());
    }
    return h;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
