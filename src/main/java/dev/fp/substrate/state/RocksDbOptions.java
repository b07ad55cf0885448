package dev.fp.substrate.state;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The native option objects of one RocksDB instance, built from {@link RocksDbSettings}, freed together by
 * {@link #close} after the database is closed.
 *
 * <p>Memory: one LRU cache of {@code block_cache_mb + memtable_mb}; a write-buffer manager charges every column
 * family's memtables to it and flushes the largest when they pass {@code memtable_mb}, and index and filter blocks
 * live in it too — so the configured budget is one number RocksDB enforces. Bloom filters answer most lookups of
 * absent keys (new dedupe keys, first sightings) without reading a data block.
 */
final class RocksDbOptions implements AutoCloseable {
  private static final double BLOOM_BITS_PER_KEY = 10;
  /** One memtable of a column family; several fill up to the write-buffer manager's total. */
  private static final long MAX_MEMTABLE_BYTES = 64L * 1024 * 1024;
  private static final int BACKGROUND_JOBS = 2;
  private static final long INFO_LOG_BYTES = 16L * 1024 * 1024;
  private static final int INFO_LOGS_KEPT = 3;
  private static final long BYTES_PER_SYNC = 1024L * 1024;

  final LRUCache cache;
  final WriteBufferManager writeBuffers;
  final BloomFilter bloom;
  final DBOptions db;
  final ColumnFamilyOptions family;

  /** {@code secondary}: a read-only follower of another process's database (RocksDB needs all files open). */
  RocksDbOptions(RocksDbSettings s, boolean secondary) {
    cache = new LRUCache(s.budgetBytes());
    writeBuffers = new WriteBufferManager(s.memtableBytes(), cache);
    bloom = new BloomFilter(BLOOM_BITS_PER_KEY);
    db = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setWriteBufferManager(writeBuffers).setMaxOpenFiles(secondary ? -1 : s.maxOpenFiles())
        .setMaxBackgroundJobs(BACKGROUND_JOBS).setBytesPerSync(BYTES_PER_SYNC)
        .setInfoLogLevel(InfoLogLevel.INFO_LEVEL).setMaxLogFileSize(INFO_LOG_BYTES).setKeepLogFileNum(INFO_LOGS_KEPT);
    family = new ColumnFamilyOptions()
        .setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, s.memtableBytes() / 2))
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
            .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true));
  }

  @Override
  public void close() {
    family.close();
    db.close();
    writeBuffers.close();
    bloom.close();
    cache.close();
  }
}
