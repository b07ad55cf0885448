package dev.fp.substrate.eventlog;

import dev.fp.contract.Timestamps;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link EventLog} contract and the checkpointed {@link LogConsumer} over it, run against every adapter. Each
 * test uses fresh topic and group names, so subclasses may share one server and one database.
 */
abstract class EventLogConformanceTest {
  protected Vertx vertx;
  protected EventLog log;
  private Db db;

  /** A new adapter instance; called once per test. */
  protected abstract EventLog newLog(Vertx vertx);

  /** The SQL state for checkpoint tests (SQLite for the file log, PostgreSQL for Kinesis). */
  protected abstract Future<Db> openDb(Vertx vertx);

  /** Record count for the ordering test; kinesis-mock stores only a few hundred records a second. */
  protected int manyRecords() {
    return 400;
  }

  @BeforeEach
  void startLog() {
    vertx = Vertx.vertx();
    log = newLog(vertx);
  }

  @AfterEach
  void closeLog() {
    await(log.close());
    if (db != null) {
      await(db.close());
    }
    await(vertx.close());
  }

  @Test
  void shouldCreateTopicIdempotentlyAndListIt() {
    String t = topic("create");
    await(log.createTopic(t, 2));
    await(log.createTopic(t, 2));
    assertThat(await(log.partitions(t))).isEqualTo(2);
    assertThat(await(log.topics())).contains(t);
  }

  @Test
  void shouldFailWithNoSuchTopicForUnknownTopic() {
    String t = topic("missing");
    assertThatThrownBy(() -> await(log.partitions(t))).isInstanceOf(NoSuchTopicException.class);
    assertThatThrownBy(() -> await(log.publish(t, List.of(new OutRecord("k", "{}")))))
        .isInstanceOf(NoSuchTopicException.class);
  }

  @Test
  void shouldReturnRefsInPublishOrderWithTheAdapterOffsetKind() {
    String t = topic("refs");
    await(log.createTopic(t, 1));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 5)));
    assertThat(refs).hasSize(5).allSatisfy(r -> {
      assertThat(r.topic()).isEqualTo(t);
      assertThat(r.partition()).isZero();
      assertThat(r.offsetKind()).isEqualTo(log.offsetKind());
      assertThat(r.publishedAtUtc()).matches(Timestamps.PATTERN);
    });
    List<LogRecord> read = await(log.read(t, 0, Position.trimHorizon(), 100)).records();
    assertThat(read).extracting(LogRecord::offset).containsExactlyElementsOf(refs.stream().map(EbRef::offset).toList());
    assertThat(read).extracting(LogRecord::data).containsExactlyElementsOf(records("k", 0, 5).stream()
        .map(OutRecord::data).toList());
  }

  @Test
  void shouldKeepPerKeyOrderAcrossManyKeysAndPartitions() {
    String t = topic("order");
    await(log.createTopic(t, 4));
    int n = manyRecords();
    List<OutRecord> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new OutRecord("key-" + (i % 23), "{\"key\":\"key-" + (i % 23) + "\",\"seq\":" + i + "}"));
    }
    Map<String, Integer> partitionOfKey = new HashMap<>();
    for (int from = 0; from < n; from += n / 4) {
      List<OutRecord> batch = all.subList(from, Math.min(n, from + n / 4));
      List<EbRef> refs = await(log.publish(t, batch));
      for (int i = 0; i < batch.size(); i++) {
        Integer before = partitionOfKey.putIfAbsent(batch.get(i).partitionKey(), refs.get(i).partition());
        assertThat(before == null ? refs.get(i).partition() : before).isEqualTo(refs.get(i).partition());
      }
    }
    assertThat(new HashSet<>(partitionOfKey.values())).as("partitions the keys landed in").hasSizeGreaterThan(1);
    Map<String, List<Integer>> seqByKey = new HashMap<>();
    int total = 0;
    for (int p = 0; p < 4; p++) {
      for (LogRecord r : readAll(t, p)) {
        String key = r.partitionKey();
        assertThat(partitionOfKey.get(key)).isEqualTo(p);
        int seq = Integer.parseInt(r.data().replaceAll(".*\"seq\":(\\d+).*", "$1"));
        seqByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
        total++;
      }
    }
    assertThat(total).isEqualTo(n);
    seqByKey.values().forEach(seqs -> assertThat(seqs).isSorted());
  }

  @Test
  void shouldReadFromTrimHorizonLatestAndAfterInBatches() {
    String t = topic("positions");
    await(log.createTopic(t, 1));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 3)));
    ReadBatch first = await(log.read(t, 0, Position.trimHorizon(), 2));
    assertThat(first.records()).extracting(LogRecord::offset).containsExactly(refs.get(0).offset(), refs.get(1).offset());
    assertThat(first.next()).isEqualTo(Position.after(refs.get(1).offset()));
    ReadBatch second = await(log.read(t, 0, first.next(), 2));
    assertThat(second.records()).extracting(LogRecord::offset).containsExactly(refs.get(2).offset());
    ReadBatch end = await(log.read(t, 0, second.next(), 2));
    assertThat(end.records()).isEmpty();
    assertThat(end.next()).isEqualTo(second.next());

    ReadBatch latest = await(log.read(t, 0, Position.latest(), 10));
    assertThat(latest.records()).isEmpty();
    List<EbRef> more = await(log.publish(t, records("k", 3, 2)));
    List<LogRecord> afterLatest = await(log.read(t, 0, latest.next(), 10)).records();
    assertThat(afterLatest).extracting(LogRecord::offset).containsExactly(more.get(0).offset(), more.get(1).offset());

    List<LogRecord> afterFirst = await(log.read(t, 0, Position.after(refs.get(0).offset()), 10)).records();
    assertThat(afterFirst).hasSize(4).first().extracting(LogRecord::offset).isEqualTo(refs.get(1).offset());
  }

  @Test
  void shouldReadOneRecordAtAKnownOffset() {
    String t = topic("at");
    await(log.createTopic(t, 1));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 3)));

    List<LogRecord> read = await(log.read(t, 0, Position.at(refs.get(1).offset()), 1)).records();

    assertThat(read).singleElement().satisfies(r -> {
      assertThat(r.offset()).isEqualTo(refs.get(1).offset());
      assertThat(r.data()).isEqualTo(records("k", 0, 3).get(1).data());
    });
  }

  @Test
  void shouldMeasureTheBacklogAfterAPositionUpToTheEnd() {
    String t = topic("backlog");
    await(log.createTopic(t, 1));
    assertThat(await(log.backlog(t, 0, Position.trimHorizon(), 100)))
        .isEqualTo(new Backlog(0, true, null, null));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 5)));
    List<String> published = await(log.read(t, 0, Position.trimHorizon(), 10)).records().stream()
        .map(LogRecord::publishedAtUtc).toList();

    Backlog all = await(log.backlog(t, 0, Position.trimHorizon(), 1_000));
    Backlog afterTwo = await(log.backlog(t, 0, Position.after(refs.get(1).offset()), 1_000));
    Backlog atEnd = await(log.backlog(t, 0, Position.after(refs.get(4).offset()), 1_000));

    assertThat(all).isEqualTo(new Backlog(5, true, refs.get(4).offset(), published.get(0)));
    assertThat(afterTwo).isEqualTo(new Backlog(3, true, refs.get(4).offset(), published.get(2)));
    assertThat(atEnd).isEqualTo(new Backlog(0, true, refs.get(4).offset(), null));
  }

  @Test
  void shouldReturnDataExactlyAsPublished() {
    String t = topic("verbatim");
    await(log.createTopic(t, 1));
    List<String> data = List.of("{\"b\":1,\"a\":[1.0,null,true],\"s\":\"caf\u00e9 \\u00e9\"}", "[1,2]", "plain text",
        "\"a json string\"", "{\"a\":\n1}", " {\"padded\":true}", "42");
    await(log.publish(t, data.stream().map(d -> new OutRecord("k", d)).toList()));
    assertThat(readAll(t, 0)).extracting(LogRecord::data).containsExactlyElementsOf(data);
  }

  @Test
  void shouldWakeConsumerOnPublishWithoutWaitingForThePollTimer() {
    String t = topic("wake");
    await(log.createTopic(t, 1));
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    ConsumerOptions opts = ConsumerOptions.of(group("wake"), List.of(t)).withPollInterval(Duration.ofSeconds(60));
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), opts, collect(got)));
    sleep(300);
    long published = System.nanoTime();
    await(log.publish(t, records("k", 0, 3)));
    eventually(Duration.ofSeconds(10), () -> got.size() == 3);
    assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(10));
    await(c.stop());
  }

  @Test
  void shouldResumeAfterCheckpointWithExactlyTheUnprocessedRecords() {
    String t = topic("resume");
    await(log.createTopic(t, 2));
    List<EbRef> firstRefs = await(log.publish(t, spread(0, 10)));
    String g = group("resume");
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), fastPoll(g, t), collect(got)));
    eventually(Duration.ofSeconds(20), () -> got.size() == 10);
    await(c.stop());
    assertThat(c.checkpoints().values()).doesNotContainNull();

    List<EbRef> secondRefs = await(log.publish(t, spread(10, 5)));
    List<LogRecord> again = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c2 = await(LogConsumer.start(vertx, log, db(), fastPoll(g, t), collect(again)));
    eventually(Duration.ofSeconds(20), () -> again.size() >= 5);
    sleep(300);
    await(c2.stop());
    assertThat(again).extracting(LogRecord::offset).containsExactlyInAnyOrderElementsOf(offsets(secondRefs));
    assertThat(got).extracting(LogRecord::offset).containsExactlyInAnyOrderElementsOf(offsets(firstRefs));
  }

  @Test
  void shouldRollBackStateAndCheckpointWhenHandlerFails() {
    String t = topic("rollback");
    await(log.createTopic(t, 1));
    String table = "el_effects_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    await(db().query("CREATE TABLE " + table + " (log_offset TEXT PRIMARY KEY)", Tuple.tuple()));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 6)));
    AtomicBoolean failedOnce = new AtomicBoolean();
    List<LogRecord> delivered = Collections.synchronizedList(new ArrayList<>());
    BatchHandler handler = (tx, batch) -> {
      Future<Void> chain = Future.succeededFuture();
      for (LogRecord r : batch) {
        chain = chain.compose(v -> db.query(tx, "INSERT INTO " + table + " (log_offset) VALUES ($1)",
            Tuple.of(r.offset())).mapEmpty());
      }
      return chain.compose(v -> {
        delivered.addAll(batch);
        return failedOnce.compareAndSet(false, true) ? Future.failedFuture("injected failure after the inserts")
            : Future.succeededFuture();
      });
    };
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), fastPoll(group("rollback"), t).withReadBatchMax(4),
        handler));
    eventually(Duration.ofSeconds(20), () -> refs.get(5).offset().equals(c.checkpoints().get(new TopicPartition(t, 0))));
    await(c.stop());
    assertThat(delivered).extracting(LogRecord::offset).containsSubsequence(refs.get(0).offset(), refs.get(0).offset());
    List<String> stored = new ArrayList<>();
    await(db().query("SELECT log_offset FROM " + table, Tuple.tuple())).forEach(r -> stored.add(r.getString(0)));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(offsets(refs));
  }

  @Test
  void shouldRefuseSecondConsumerOfTheSameGroupNamingTheHolder() {
    String t = topic("lease");
    await(log.createTopic(t, 1));
    String g = group("lease");
    LogConsumer first = await(LogConsumer.start(vertx, log, db(), fastPoll(g, t), collect(new ArrayList<>())));
    ConsumerOptions second = fastPoll(g, t);
    assertThatThrownBy(() -> await(LogConsumer.start(vertx, log, db(), second, collect(new ArrayList<>()))))
        .isInstanceOfSatisfying(LeaseHeldException.class, e -> {
          assertThat(e.holder()).isEqualTo(first.options().holder());
          assertThat(e.getMessage()).contains(first.options().holder(), g);
        });
    await(first.stop());
    LogConsumer next = await(LogConsumer.start(vertx, log, db(), second, collect(new ArrayList<>())));
    assertThat(next.lease().fencingToken()).isEqualTo(first.lease().fencingToken() + 1);
    await(next.stop());
  }

  @Test
  void shouldNotMoveCheckpointWithStaleFencingToken() {
    CheckpointStore store = new CheckpointStore(db(), Clock.systemUTC());
    String g = group("fence");
    TopicPartition tp = new TopicPartition(topic("fence"), 0);
    Lease old = await(store.acquire(g, "old-holder", Duration.ofMillis(50)));
    await(store.saveFenced(old, tp, "3", log.offsetKind()));
    sleep(120);
    Lease current = await(store.acquire(g, "new-holder", Duration.ofSeconds(30)));
    assertThat(current.fencingToken()).isGreaterThan(old.fencingToken());
    assertThatThrownBy(() -> await(store.saveFenced(old, tp, "9", log.offsetKind())))
        .satisfies(e -> assertThat(LogConsumer.causeOf(e, LeaseLostException.class)).isNotNull());
    assertThatThrownBy(() -> await(store.renew(old, Duration.ofSeconds(1)))).isInstanceOf(LeaseLostException.class);
    assertThat(await(store.load(g)).get(tp).offset()).isEqualTo("3");
    await(store.saveFenced(current, tp, "5", log.offsetKind()));
    assertThat(await(store.load(g)).get(tp)).satisfies(cp -> {
      assertThat(cp.offset()).isEqualTo("5");
      assertThat(cp.fencingToken()).isEqualTo(current.fencingToken());
    });
  }

  @Test
  void shouldSkipOtherRunsAndAdvanceCheckpointPastThem() {
    String t = topic("runscope");
    await(log.createTopic(t, 1));
    String mine = "platform_20260101T000000Z";
    String other = "platform_20250101T000000Z";
    List<EbRef> refs = await(log.publish(t, List.of(
        new OutRecord("k", "{\"event_id\":\"e1\",\"platform_run_id\":\"" + other + "\"}"),
        new OutRecord("k", "{\"event_id\":\"e2\",\"platform_run_id\":\"" + mine + "\"}"),
        new OutRecord("k", "not an envelope"),
        new OutRecord("k", "{\"event_id\":\"e4\",\"payload\":{\"pins\":{\"platform_run_id\":\"" + mine + "\"}}}"),
        new OutRecord("k", "{\"event_id\":\"e5\",\"platform_run_id\":\"" + other + "\"}"))));
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    ConsumerOptions opts = fastPoll(group("runscope"), t).withGate(new RunScopeGate(mine));
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), opts, collect(got)));
    eventually(Duration.ofSeconds(20), () -> refs.get(4).offset().equals(c.checkpoints().get(new TopicPartition(t, 0))));
    await(c.stop());
    assertThat(got).extracting(LogRecord::offset).containsExactly(refs.get(1).offset(), refs.get(3).offset());
    assertThat(c.skipped()).isEqualTo(3);
  }

  @Test
  void shouldRestartFromStartPositionWhenCheckpointIsStale() {
    String t = topic("stale");
    await(log.createTopic(t, 1));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 3)));
    String g = group("stale");
    CheckpointStore store = new CheckpointStore(db(), Clock.systemUTC());
    Lease l = await(store.acquire(g, "setup", Duration.ofSeconds(30)));
    await(store.saveFenced(l, new TopicPartition(t, 0), staleOffset(), log.offsetKind()));
    await(store.release(l));
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), fastPoll(g, t), collect(got)));
    eventually(Duration.ofSeconds(20), () -> got.size() == 3);
    await(c.stop());
    assertThat(got).extracting(LogRecord::offset).containsExactlyElementsOf(offsets(refs));
  }

  /** An AFTER offset of the adapter's kind that the partition does not contain. */
  protected abstract String staleOffset();

  // ---- helpers

  protected Db db() {
    if (db == null) {
      db = await(openDb(vertx));
    }
    return db;
  }

  protected static String topic(String name) {
    return "t-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String group(String name) {
    return "g-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static List<OutRecord> records(String key, int from, int n) {
    List<OutRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new OutRecord(key, "{\"event_id\":\"e" + i + "\",\"seq\":" + i + "}"));
    }
    return out;
  }

  private static List<OutRecord> spread(int from, int n) {
    List<OutRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new OutRecord("key-" + i, "{\"event_id\":\"e" + i + "\"}"));
    }
    return out;
  }

  private static List<String> offsets(List<EbRef> refs) {
    return refs.stream().map(EbRef::offset).toList();
  }

  protected static ConsumerOptions fastPoll(String group, String topic) {
    return ConsumerOptions.of(group, List.of(topic)).withPollInterval(Duration.ofMillis(50));
  }

  protected static BatchHandler collect(List<LogRecord> sink) {
    return (tx, batch) -> {
      sink.addAll(batch);
      return Future.succeededFuture();
    };
  }

  protected List<LogRecord> readAll(String topic, int partition) {
    List<LogRecord> out = new ArrayList<>();
    Position pos = Position.trimHorizon();
    while (true) {
      ReadBatch b = await(log.read(topic, partition, pos, 100));
      if (b.records().isEmpty()) {
        return out;
      }
      out.addAll(b.records());
      pos = b.next();
    }
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static void eventually(Duration budget, BooleanSupplier condition) {
    long deadline = System.nanoTime() + budget.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + budget);
      }
      sleep(20);
    }
  }

  protected static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
