package dev.fp.substrate.state;

import dev.fp.config.ConfigNode;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code substrate.state.rocksdb}: where the database lives and its memory budget. Block cache and memtables are
 * off-heap and count in the process's RSS on top of the Java heap (ARCHITECTURE §9): the budget is
 * {@code block_cache_mb + memtable_mb}, with index and filter blocks charged to the block cache.
 *
 * @param blockCacheBytes    LRU cache of data, index and filter blocks
 * @param memtableBytes      all column families' memtables together (a write-buffer manager flushes beyond it)
 * @param maxOpenFiles       table files kept open (-1: all)
 * @param maxPendingBatches  batches waiting for the writer before commits fail with
 *                           {@link StateStoreSaturatedException}
 * @param readThreads        worker threads for reads issued from an event loop
 */
public record RocksDbSettings(Path path, long blockCacheBytes, long memtableBytes, int maxOpenFiles,
                              int maxPendingBatches, int readThreads) {
  public static final int DEFAULT_BLOCK_CACHE_MB = 256;
  public static final int DEFAULT_MEMTABLE_MB = 128;
  public static final int DEFAULT_MAX_OPEN_FILES = 1024;
  public static final int DEFAULT_MAX_PENDING_BATCHES = 1024;
  public static final int DEFAULT_READ_THREADS = 2;
  private static final long MIB = 1024L * 1024;

  /** The defaults, at {@code path}. */
  public static RocksDbSettings defaults(Path path) {
    return new RocksDbSettings(path, DEFAULT_BLOCK_CACHE_MB * MIB, DEFAULT_MEMTABLE_MB * MIB, DEFAULT_MAX_OPEN_FILES,
        DEFAULT_MAX_PENDING_BATCHES, DEFAULT_READ_THREADS);
  }

  static RocksDbSettings from(ConfigNode n, Path runsRoot) {
    n.allowOnly(Set.of("path", "block_cache_mb", "memtable_mb", "max_open_files", "max_pending_batches", "read_threads"));
    return new RocksDbSettings(Path.of(n.optString("path", runsRoot.resolve("state/rocksdb").toString())),
        n.integer("block_cache_mb", DEFAULT_BLOCK_CACHE_MB, 8, 65_536) * MIB,
        n.integer("memtable_mb", DEFAULT_MEMTABLE_MB, 8, 65_536) * MIB,
        maxOpenFiles(n),
        n.integer("max_pending_batches", DEFAULT_MAX_PENDING_BATCHES, 1, 1_000_000),
        n.integer("read_threads", DEFAULT_READ_THREADS, 1, 64));
  }

  private static int maxOpenFiles(ConfigNode n) {
    int v = n.integer("max_open_files", DEFAULT_MAX_OPEN_FILES, -1, 1_000_000);
    if (v >= 0 && v < 16) {
      throw new dev.fp.config.ConfigException(n.key("max_open_files"), "must be -1 (all) or at least 16, got " + v);
    }
    return v;
  }

  /** Off-heap memory the configuration allows: block cache plus memtables. */
  public long budgetBytes() {
    return blockCacheBytes + memtableBytes;
  }
}
