package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test-only child process of {@link RocksDbCrashTest}: commits batches to a RocksDB store forever, {@link #IN_FLIGHT}
 * at a time (so the writer merges them into groups), and prints {@code ACK <n>} once batch n's commit succeeded,
 * flushed at once, until it is killed. Batch n puts {@code (n, i)} for i in 0..{@link #ROWS}-1 into table
 * {@code rows}, {@code n} into table {@code batches}, and checkpoint n of {@code crash_group}/{@code t}/0. Args: path,
 * first batch number.
 */
public final class RocksDbCrashChild {
  static final int ROWS = 5;
  static final int IN_FLIGHT = 8;
  static final Table<byte[], Long> ROWS_TABLE = new Table<>("rows", KeyCodec.bytes(), ValueCodec.json(Long.class));
  static final Table<Long, Long> BATCHES = new Table<>("batches",
      KeyCodec.of(n -> KeyTuple.of(n), b -> KeyTuple.reader(b).int64()), ValueCodec.json(Long.class));
  static final TopicPartition PARTITION = new TopicPartition("t", 0);

  private RocksDbCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    StateStore store = StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(Path.of(args[0]))),
        Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    store.ensureTables(List.of(ROWS_TABLE, BATCHES)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (long n = Long.parseLong(args[1]); ; n++) {
      inFlight.acquire();
      long batch = n;
      store.commit(batch(n)).onComplete(ar -> {
        if (ar.succeeded()) {
          System.out.println("ACK " + batch);
          System.out.flush();
        }
        inFlight.release();
      });
    }
  }

  static byte[] rowKey(long batch, int i) {
    return KeyTuple.of(batch, i);
  }

  private static WriteBatch batch(long n) {
    WriteBatch b = new WriteBatch();
    for (int i = 0; i < ROWS; i++) {
      b.put(ROWS_TABLE, rowKey(n, i), n);
    }
    return b.put(BATCHES, n, n).checkpoint("crash_group", PARTITION, Long.toString(n), "test");
  }
}
