package dev.fp.substrate.state;

import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The StateStore port's contract; each adapter's test only says how to open its store (the same location on every
 * call within a test, so closing and opening again is a restart).
 */
abstract class StateStoreConformanceTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  protected Vertx vertx;
  protected StateStore store;

  /** A value type as components use them: a record through the Jackson codec. */
  record Doc(String state, long n) {
  }

  protected abstract Future<StateStore> openStore(Vertx vertx);

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    store = await(openStore(vertx));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static Throwable failure(Future<?> f) throws Exception {
    return f.toCompletionStage().handle((r, e) -> e).toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A table no other test of this JVM uses (adapters may keep a store across the tests of a class). */
  protected Table<String, Doc> docs(String base) throws Exception {
    return ensure(new Table<>(base + "_" + TABLES.incrementAndGet(), KeyCodec.utf8(), ValueCodec.json(Doc.class)));
  }

  protected <K, V> Table<K, V> ensure(Table<K, V> table) throws Exception {
    await(store.ensureTables(List.of(table)));
    return table;
  }

  @Test
  void shouldReadBackWhatACommitPutAndNullForAbsentKeys() throws Exception {
    Table<String, Doc> t = docs("get");

    await(store.commit(new WriteBatch().put(t, "k1", new Doc("CLAIMED", 1))));

    assertThat(await(store.get(t, "k1"))).isEqualTo(new Doc("CLAIMED", 1));
    assertThat(await(store.get(t, "k2"))).isNull();
  }

  @Test
  void shouldOverwriteOnPutAndForgetOnDelete() throws Exception {
    Table<String, Doc> t = docs("overwrite");
    await(store.commit(new WriteBatch().put(t, "a", new Doc("CLAIMED", 1)).put(t, "b", new Doc("CLAIMED", 2))));

    await(store.commit(new WriteBatch().put(t, "a", new Doc("SETTLED", 3)).delete(t, "b").delete(t, "never")));

    assertThat(await(store.get(t, "a"))).isEqualTo(new Doc("SETTLED", 3));
    assertThat(await(store.get(t, "b"))).isNull();
  }

  @Test
  void shouldApplyOnlyTheLastWriteOfAKeyWithinABatch() throws Exception {
    Table<String, Doc> t = docs("collapse");
    WriteBatch batch = new WriteBatch().put(t, "x", new Doc("A", 1)).delete(t, "x").put(t, "y", new Doc("B", 2))
        .put(t, "y", new Doc("C", 3)).put(t, "z", new Doc("D", 4)).delete(t, "z");

    assertThat(batch.staged(t, "x").deleted()).isTrue();
    assertThat(batch.staged(t, "y").value()).isEqualTo(new Doc("C", 3));
    assertThat(batch.staged(t, "untouched")).isNull();
    await(store.commit(batch));

    assertThat(await(store.get(t, "x"))).isNull();
    assertThat(await(store.get(t, "y"))).isEqualTo(new Doc("C", 3));
    assertThat(await(store.get(t, "z"))).isNull();
  }

  @Test
  void shouldPutIfAbsentOnlyWhereTheKeyIsAbsentAndApplyTheRestOfTheBatch() throws Exception {
    Table<String, Doc> t = docs("ifabsent");
    await(store.commit(new WriteBatch().put(t, "first", new Doc("FIRST", 1))));

    await(store.commit(new WriteBatch().putIfAbsent(t, "first", new Doc("SECOND", 2))
        .putIfAbsent(t, "new", new Doc("NEW", 3)).put(t, "plain", new Doc("PLAIN", 4))));

    assertThat(await(store.get(t, "first"))).isEqualTo(new Doc("FIRST", 1));
    assertThat(await(store.get(t, "new"))).isEqualTo(new Doc("NEW", 3));
    assertThat(await(store.get(t, "plain"))).isEqualTo(new Doc("PLAIN", 4));
  }

  /** Concurrent batches racing for one key (grouped into one RocksDB write or not): exactly one wins, all see it. */
  @Test
  void shouldLetExactlyOneOfConcurrentPutIfAbsentsWin() throws Exception {
    Table<String, Doc> t = docs("race");
    List<Future<Void>> commits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      commits.add(store.commit(new WriteBatch().putIfAbsent(t, "contested", new Doc("W", i))
          .put(t, "own-" + i, new Doc("OWN", i))));
    }
    await(Future.all(commits));

    Doc winner = await(store.get(t, "contested"));
    assertThat(winner.state()).isEqualTo("W");
    await(store.commit(new WriteBatch().putIfAbsent(t, "contested", new Doc("LATE", 99))));
    assertThat(await(store.get(t, "contested"))).isEqualTo(winner);
    for (int i = 0; i < 40; i++) {
      assertThat(await(store.get(t, "own-" + i))).isEqualTo(new Doc("OWN", i));
    }
  }

  @Test
  void shouldMultiGetOnlyThePresentKeys() throws Exception {
    Table<String, Doc> t = docs("multi");
    await(store.commit(new WriteBatch().put(t, "a", new Doc("A", 1)).put(t, "c", new Doc("C", 3))));

    Map<String, Doc> got = await(store.multiGet(t, List.of("a", "b", "c", "d")));

    assertThat(got).containsOnlyKeys("a", "c").containsEntry("a", new Doc("A", 1)).containsEntry("c", new Doc("C", 3));
    assertThat(await(store.multiGet(t, List.of()))).isEmpty();
  }

  @Test
  void shouldScanInUnsignedByteOrderWithPrefixRangeAndLimit() throws Exception {
    Table<byte[], Doc> t = ensure(new Table<>("bytes_" + TABLES.incrementAndGet(), KeyCodec.bytes(),
        ValueCodec.json(Doc.class)));
    byte[][] keys = {{0x01}, {0x01, 0x00}, {0x01, 0x00, 0x00}, {0x01, 0x7F}, {0x01, (byte) 0x80}, {0x01, (byte) 0xFF},
        {0x01, (byte) 0xFF, (byte) 0xFF}, {0x02}, {(byte) 0xFF}, {(byte) 0xFF, 0x00}};
    List<byte[]> shuffled = new ArrayList<>(List.of(keys));
    Collections.shuffle(shuffled, new Random(7));
    WriteBatch batch = new WriteBatch();
    for (byte[] k : shuffled) {
      batch.put(t, k, new Doc("k", k.length));
    }
    await(store.commit(batch));

    assertThat(keysOf(await(store.scan(t, KeyRange.all(), 100)))).containsExactly(keys);
    assertThat(keysOf(await(store.scan(t, KeyRange.prefix(new byte[] {0x01}), 100))))
        .containsExactly(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6]);
    assertThat(keysOf(await(store.scan(t, KeyRange.prefix(new byte[] {0x01, (byte) 0xFF}), 100))))
        .containsExactly(keys[5], keys[6]);
    assertThat(keysOf(await(store.scan(t, KeyRange.prefix(new byte[] {(byte) 0xFF}), 100))))
        .containsExactly(keys[8], keys[9]);
    assertThat(keysOf(await(store.scan(t, KeyRange.between(new byte[] {0x01, 0x00}, new byte[] {0x01, (byte) 0x80}),
        100)))).containsExactly(keys[1], keys[2], keys[3]);
    assertThat(keysOf(await(store.scan(t, KeyRange.between(null, new byte[] {0x01, 0x00}), 100))))
        .containsExactly(keys[0]);
    assertThat(keysOf(await(store.scan(t, KeyRange.between(new byte[] {0x02}, null), 100))))
        .containsExactly(keys[7], keys[8], keys[9]);
    assertThat(keysOf(await(store.scan(t, KeyRange.all(), 3)))).containsExactly(keys[0], keys[1], keys[2]);
    assertThat(keysOf(await(store.scan(t, KeyRange.all().after(keys[2]), 2)))).containsExactly(keys[3], keys[4]);
    assertThat(await(store.scan(t, KeyRange.prefix(new byte[] {0x03}), 100))).isEmpty();
  }

  private static List<byte[]> keysOf(List<KeyValue<byte[], Doc>> rows) {
    return rows.stream().map(KeyValue::key).toList();
  }

  /** (run, partition) keys: string parts in byte order, a shorter string first, negative numbers before positive. */
  record RunPartition(String run, long partition) {
  }

  @Test
  void shouldScanTupleKeysInTupleOrderAndByTuplePrefix() throws Exception {
    KeyCodec<RunPartition> codec = KeyCodec.of(k -> KeyTuple.of(k.run(), k.partition()), b -> {
      KeyTuple.Reader r = KeyTuple.reader(b);
      return new RunPartition(r.string(), r.int64());
    });
    Table<RunPartition, Doc> t = ensure(new Table<>("tuples_" + TABLES.incrementAndGet(), codec,
        ValueCodec.json(Doc.class)));
    List<RunPartition> ordered = List.of(new RunPartition("a", Long.MIN_VALUE), new RunPartition("a", -2),
        new RunPartition("a", -1), new RunPartition("a", 0), new RunPartition("a", 1), new RunPartition("a", 256),
        new RunPartition("a", Long.MAX_VALUE), new RunPartition("a\u0000", -5), new RunPartition("a\u0000b", 0),
        new RunPartition("ab", -3), new RunPartition("b", 0), new RunPartition("\u00e9", 0));
    List<RunPartition> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new Random(11));
    WriteBatch batch = new WriteBatch();
    shuffled.forEach(k -> batch.put(t, k, new Doc("tuple", k.partition())));
    await(store.commit(batch));

    assertThat(await(store.scan(t, KeyRange.all(), 100)).stream().map(KeyValue::key)).containsExactlyElementsOf(ordered);
    assertThat(await(store.scan(t, KeyRange.prefix(KeyTuple.of("a")), 100)).stream().map(KeyValue::key))
        .containsExactlyElementsOf(ordered.subList(0, 7));
    assertThat(await(store.scan(t, KeyRange.between(KeyTuple.of("a", -1L), KeyTuple.of("a", 256L)), 100)).stream()
        .map(KeyValue::key)).containsExactly(new RunPartition("a", -1), new RunPartition("a", 0),
        new RunPartition("a", 1));
  }

  @Test
  void shouldWriteNothingOfABatchWhoseValueCodecThrows() throws Exception {
    Table<String, Doc> a = docs("atomic_a");
    Table<String, Doc> b = docs("atomic_b");
    Table<String, Doc> refusing = ensure(new Table<>("refusing_" + TABLES.incrementAndGet(), KeyCodec.utf8(),
        new ValueCodec<Doc>() {
          @Override
          public byte[] encode(Doc value) {
            if (value.n() == 13) {
              throw new IllegalStateException("unlucky value");
            }
            return ValueCodec.json(Doc.class).encode(value);
          }

          @Override
          public Doc decode(byte[] bytes) { return ValueCodec.json(Doc.class).decode(bytes); }
        }));
    WriteBatch batch = new WriteBatch().put(a, "k", new Doc("A", 1)).put(b, "k", new Doc("B", 2))
        .put(refusing, "ok", new Doc("fine", 12)).put(refusing, "bad", new Doc("boom", 13))
        .checkpoint("atomic_group", new TopicPartition("topic", 0), "41", "file_line");

    Throwable err = failure(store.commit(batch));

    assertThat(err).isInstanceOf(StateStoreException.class)
        .hasMessageContaining(refusing.name()).hasMessageContaining("unlucky value");
    assertThat(await(store.get(a, "k"))).isNull();
    assertThat(await(store.get(b, "k"))).isNull();
    assertThat(await(store.get(refusing, "ok"))).isNull();
    assertThat(await(store.checkpoints("atomic_group"))).isEmpty();
  }

  @Test
  void shouldRefuseABatchThatWritesATableNeverEnsuredAndWriteNothingOfIt() throws Exception {
    Table<String, Doc> known = docs("known");
    Table<String, Doc> unknown = new Table<>("unknown_" + TABLES.incrementAndGet(), KeyCodec.utf8(),
        ValueCodec.json(Doc.class));

    Throwable err = failure(store.commit(new WriteBatch().put(known, "k", new Doc("A", 1))
        .put(unknown, "k", new Doc("B", 2))));

    assertThat(err).isInstanceOf(StateStoreException.class).hasMessageContaining(unknown.name());
    assertThat(await(store.get(known, "k"))).isNull();
    assertThat(failure(store.get(unknown, "k"))).isInstanceOf(StateStoreException.class)
        .hasMessageContaining("ensureTables");
  }

  @Test
  void shouldKeepTheLatestCheckpointPerGroupAndPartition() throws Exception {
    Table<String, Doc> t = docs("ckpt");
    TopicPartition p0 = new TopicPartition("fp.bus.traffic.fraud.v1", 0);
    TopicPartition p1 = new TopicPartition("fp.bus.traffic.fraud.v1", 1);
    await(store.commit(new WriteBatch().put(t, "a", new Doc("A", 1)).checkpoint("ieg", p0, "10", "file_line")
        .checkpoint("ieg", p1, "4", "file_line").checkpoint("ofp", p0, "7", "file_line")));
    await(store.commit(new WriteBatch().checkpoint("ieg", p0, "12", "file_line")));

    Map<TopicPartition, Checkpoint> ieg = await(store.checkpoints("ieg"));

    assertThat(ieg).containsOnlyKeys(p0, p1);
    assertThat(ieg.get(p0).offset()).isEqualTo("12");
    assertThat(ieg.get(p0).offsetKind()).isEqualTo("file_line");
    assertThat(ieg.get(p0).updatedAtUtc()).matches(dev.fp.contract.Timestamps.PATTERN);
    assertThat(ieg.get(p1).offset()).isEqualTo("4");
    assertThat(await(store.checkpoints("ofp"))).containsOnlyKeys(p0);
    assertThat(await(store.checkpoints("ie"))).isEmpty();
  }

  @Test
  void shouldListTablesSortedAndEnsureThemIdempotently() throws Exception {
    int n = TABLES.incrementAndGet();
    Table<String, Doc> b = new Table<>("list_b_" + n, KeyCodec.utf8(), ValueCodec.json(Doc.class));
    Table<String, Doc> a = new Table<>("list_a_" + n, KeyCodec.utf8(), ValueCodec.json(Doc.class));

    await(store.ensureTables(List.of(b, a)));
    await(store.ensureTables(List.of(a, b, a)));

    assertThat(store.tableNames()).contains("list_a_" + n, "list_b_" + n).isSorted()
        .noneMatch(name -> name.startsWith("_"));
  }

  @Test
  void shouldFindEverythingCommittedAfterCloseAndReopen() throws Exception {
    Table<String, Doc> t = docs("restart");
    await(store.commit(new WriteBatch().put(t, "a", new Doc("A", 1)).put(t, "b", new Doc("B", 2))
        .checkpoint("restart_group", new TopicPartition("topic", 3), "99", "kinesis_sequence")));
    await(store.commit(new WriteBatch().delete(t, "b")));
    await(store.close());

    store = await(openStore(vertx));

    assertThat(store.tableNames()).contains(t.name());
    assertThat(await(store.get(t, "a"))).isEqualTo(new Doc("A", 1));
    assertThat(await(store.get(t, "b"))).isNull();
    assertThat(await(store.checkpoints("restart_group")).get(new TopicPartition("topic", 3)).offset()).isEqualTo("99");
  }

  @Test
  void shouldCompleteOnTheCallersContextFromEventLoopAndWorker() throws Exception {
    Table<String, Doc> t = docs("context");
    for (Context ctx : List.of(vertx.getOrCreateContext(), ((io.vertx.core.internal.VertxInternal) vertx)
        .createWorkerContext())) {
      Promise<Boolean> sameContext = Promise.promise();
      ctx.runOnContext(v -> store.commit(new WriteBatch().put(t, "k", new Doc("A", 1)))
          .compose(x -> store.get(t, "k"))
          .onComplete(ar -> sameContext.complete(ar.succeeded() && Vertx.currentContext() == ctx
              && new Doc("A", 1).equals(ar.result()))));
      assertThat(await(sameContext.future())).as("on %s", ctx.isWorkerContext() ? "worker" : "event loop").isTrue();
    }
  }

  @Test
  void shouldRefuseAScanLimitOutOfRange() throws Exception {
    Table<String, Doc> t = docs("limit");

    assertThat(failure(store.scan(t, KeyRange.all(), 0))).hasMessageContaining("scan limit");
    assertThat(failure(store.scan(t, KeyRange.all(), StateStores.MAX_SCAN_LIMIT + 1))).hasMessageContaining("scan limit");
  }

  @Test
  void shouldSucceedOnAnEmptyBatch() throws Exception {
    await(store.commit(new WriteBatch()));
  }

  @Test
  void shouldRefuseEveryCallAfterClose() throws Exception {
    Table<String, Doc> t = docs("closed");
    await(store.close());

    assertThat(failure(store.get(t, "k"))).isInstanceOf(StateStoreException.class);
    assertThat(failure(store.commit(new WriteBatch().put(t, "k", new Doc("A", 1))))).isInstanceOf(StateStoreException.class);
    store = await(openStore(vertx));
    assertThat(await(store.get(t, "k"))).isNull();
  }

  /**
   * One writer commits batches that set the same keys in two tables to the batch number while readers read: a
   * multi-get or scan of one table sees one batch number only, and after reading table A a read of table B never
   * sees an older batch than A showed (B was written in the same batch).
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldNeverShowReadersHalfABatch() throws Exception {
    Table<String, Doc> a = docs("readers_a");
    Table<String, Doc> b = docs("readers_b");
    List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
    int batches = 150;
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<String> violation = new AtomicReference<>();
    AtomicInteger reads = new AtomicInteger();
    Future<Void> writer = Future.succeededFuture();
    for (int n = 1; n <= batches; n++) {
      int batchNo = n;
      writer = writer.compose(v -> {
        WriteBatch batch = new WriteBatch();
        keys.forEach(k -> batch.put(a, k, new Doc("A", batchNo)).put(b, k, new Doc("B", batchNo)));
        return store.commit(batch);
      });
    }
    writer.onComplete(ar -> writing.set(false));
    List<Future<Void>> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> readLoop(a, b, keys, writing, violation, reads, done));
      readers.add(done.future());
    }
    await(writer);
    await(Future.all(readers));

    assertThat(violation.get()).isNull();
    assertThat(reads.get()).isGreaterThan(10);
    assertThat(await(store.get(b, "k7"))).isEqualTo(new Doc("B", batches));
  }

  private void readLoop(Table<String, Doc> a, Table<String, Doc> b, List<String> keys, AtomicBoolean writing,
                        AtomicReference<String> violation, AtomicInteger reads, Promise<Void> done) {
    if (!writing.get() || violation.get() != null) {
      done.complete();
      return;
    }
    store.multiGet(a, keys).compose(fromA -> store.scan(b, KeyRange.all(), 100).map(fromB -> {
      long seenA = single(fromA.values().stream().map(Doc::n).toList(), "multiGet A", violation);
      long seenB = single(fromB.stream().map(kv -> kv.value().n()).toList(), "scan B", violation);
      if (!fromA.isEmpty() && (fromA.size() != keys.size() || fromB.size() != keys.size() || seenB < seenA)) {
        violation.compareAndSet(null, "A showed batch " + seenA + " (" + fromA.size() + " keys), then B showed batch "
            + seenB + " (" + fromB.size() + " keys)");
      }
      reads.incrementAndGet();
      return null;
    })).onComplete(ar -> {
      if (ar.failed()) {
        violation.compareAndSet(null, "read failed: " + ar.cause());
      }
      readLoop(a, b, keys, writing, violation, reads, done);
    });
  }

  private static long single(List<Long> batchNumbers, String read, AtomicReference<String> violation) {
    if (batchNumbers.stream().distinct().count() > 1) {
      violation.compareAndSet(null, read + " mixed batches " + batchNumbers);
    }
    return batchNumbers.isEmpty() ? 0 : batchNumbers.get(0);
  }
}
