package dev.fp.substrate.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The RocksDB store under SIGKILL: a child JVM commits in a loop and is killed mid-stream, three times over. */
class RocksDbCrashTest {
  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  /**
   * After each kill the store reopens with every batch whose commit future completed, and no batch partly: every
   * batch number present in {@code batches} has all its rows, every row belongs to a present batch, and the checkpoint
   * is the last batch applied.
   */
  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldKeepEveryAcknowledgedBatchWholeThroughKill9() throws Exception {
    Path path = dir.resolve("rocksdb");
    Set<Long> acked = new TreeSet<>();
    long next = 0;
    for (int round = 0; round < 3; round++) {
      Process child = child(path, next);
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        collectAcks(out, 200 + 57 * round, acked);
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        drainAcks(out, acked);
      } finally {
        child.toHandle().destroyForcibly();
      }
      next = assertWholeBatches(path, acked) + 1;
    }
    assertThat(acked).hasSizeGreaterThan(600);
  }

  /** Checks the reopened store; returns the highest batch number present. */
  private long assertWholeBatches(Path path, Set<Long> acked) throws Exception {
    StateStore store = await(StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(path)),
        Clock.systemUTC()));
    try {
      Set<Long> batches = new TreeSet<>();
      await(store.scan(RocksDbCrashChild.BATCHES, KeyRange.all(), StateStores.MAX_SCAN_LIMIT))
          .forEach(kv -> batches.add(kv.key()));
      List<KeyValue<byte[], Long>> rows = await(store.scan(RocksDbCrashChild.ROWS_TABLE, KeyRange.all(),
          StateStores.MAX_SCAN_LIMIT));
      assertThat(batches).containsAll(acked);
      assertThat(rows).allSatisfy(kv -> assertThat(batches).contains(kv.value()));
      assertThat(rows).hasSize(batches.size() * RocksDbCrashChild.ROWS);
      for (long b : batches) {
        for (int i = 0; i < RocksDbCrashChild.ROWS; i++) {
          assertThat(await(store.get(RocksDbCrashChild.ROWS_TABLE, RocksDbCrashChild.rowKey(b, i)))).isEqualTo(b);
        }
      }
      long last = batches.isEmpty() ? -1 : ((TreeSet<Long>) batches).last();
      assertThat(await(store.checkpoints("crash_group")).get(RocksDbCrashChild.PARTITION).offset())
          .isEqualTo(Long.toString(last));
      return last;
    } finally {
      await(store.close());
    }
  }

  private static Process child(Path path, long first) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), RocksDbCrashChild.class.getName(), path.toString(), Long.toString(first))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void collectAcks(BufferedReader in, int count, Set<Long> acked) throws IOException {
    int seen = 0;
    for (String line = in.readLine(); line != null && seen < count; line = in.readLine()) {
      seen += ack(line, acked);
    }
    assertThat(seen).as("acks before the kill").isGreaterThanOrEqualTo(count);
  }

  /** Acks the child printed before it died count too. */
  private static void drainAcks(BufferedReader in, Set<Long> acked) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      ack(line, acked);
    }
  }

  private static int ack(String line, Set<Long> acked) {
    if (!line.startsWith("ACK ")) {
      return 0;
    }
    acked.add(Long.parseLong(line.substring(4)));
    return 1;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
