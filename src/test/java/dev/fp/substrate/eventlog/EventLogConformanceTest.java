package dev.fp.substrate.eventlog;

import dev.fp.contract.Timestamps;
import dev.fp.substrate.sql.Db;
import dev.fp.testing.Await;
import dev.fp.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link EventLog} contract and the checkpointed {@link LogConsumer} over it, run against every adapter. Each
 * test uses fresh topic and group names, so subclasses may share one server and one database.
 */
@ExtendWith(VertxExtension.class) // injects a Vertx per test and closes it after the test
abstract class EventLogConformanceTest {
  protected Vertx vertx;
  protected EventLog log;
  private Db db;

  /** A new adapter instance; called once per test. */
  protected abstract EventLog newLog(Vertx vertx) throws Exception;

  /** The SQL state for checkpoint tests (SQLite for the file log, PostgreSQL for Kinesis). */
  protected abstract Future<Db> openDb(Vertx vertx) throws Exception;

  /** Record count for the ordering test; kinesis-mock stores only a few hundred records a second. */
  protected int manyRecords() throws Exception {
    return 400;
  }

  @BeforeEach
  void startLog(Vertx vertx) throws Exception {
    this.vertx = vertx;
    log = newLog(vertx);
  }

  @AfterEach
  void closeLog() throws Exception {
    await(log.close());
    if (db != null) {
      await(db.close());
    }
  }

  @Test
  void shouldCreateTopicIdempotentlyAndListIt() throws Exception {
    String t = topic("create");
    await(log.createTopic(t, 2));
    await(log.createTopic(t, 2));
    assertThat(await(log.partitions(t))).isEqualTo(2);
    assertThat(await(log.topics())).contains(t);
  }

  @Test
  void shouldFailWithNoSuchTopicForUnknownTopic() throws Exception {
    String t = topic("missing");
    assertThatThrownBy(() -> await(log.partitions(t))).isInstanceOf(NoSuchTopicException.class);
    assertThatThrownBy(() -> await(log.publish(t, List.of(new OutRecord("k", "{}")))))
        .isInstanceOf(NoSuchTopicException.class);
  }

  @Test
  void shouldReturnRefsInPublishOrderWithTheAdapterOffsetKind() throws Exception {
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

  /**
   * Regression (issue 9, item 1): the file log's encoder threw on a lone surrogate inside its worker and the publish
   * never completed, which wedged IG's publish lane; Kinesis' SDK encoder stored {@code ?} instead of failing.
   */
  @Test
  void publishOfTextWithALoneSurrogateFailsStoringNothingAndTheLogStaysUsable() throws Exception {
    String t = topic("surrogate");
    await(log.createTopic(t, 1));
    Future<List<EbRef>> bad = log.publish(t, List.of(new OutRecord("k", "{\"event_id\":\"ab\ud800cd\"}")));
    assertThat(Await.failure(bad)).isInstanceOf(EventLogException.class);
    List<EbRef> good = await(log.publish(t, records("k", 0, 2)));
    assertThat(good).hasSize(2);
    assertThat(await(log.read(t, 0, Position.trimHorizon(), 100)).records()).extracting(LogRecord::data)
        .containsExactlyElementsOf(records("k", 0, 2).stream().map(OutRecord::data).toList());
  }

  @Test
  void shouldKeepPerKeyOrderAcrossManyKeysAndPartitions() throws Exception {
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
  void shouldReadFromTrimHorizonLatestAndAfterInBatches() throws Exception {
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
  void shouldReadOneRecordAtAKnownOffset() throws Exception {
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
  void shouldMeasureTheBacklogAfterAPositionUpToTheEnd() throws Exception {
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
  void shouldReturnDataExactlyAsPublished() throws Exception {
    String t = topic("verbatim");
    await(log.createTopic(t, 1));
    List<String> data = List.of("{\"b\":1,\"a\":[1.0,null,true],\"s\":\"caf\u00e9 \\u00e9\"}", "[1,2]", "plain text",
        "\"a json string\"", "{\"a\":\n1}", " {\"padded\":true}", "42");
    await(log.publish(t, data.stream().map(d -> new OutRecord("k", d)).toList()));
    assertThat(readAll(t, 0)).extracting(LogRecord::data).containsExactlyElementsOf(data);
  }

  @Test
  void shouldWakeConsumerOnPublishWithoutWaitingForThePollTimer(VertxTestContext ctx) throws Exception {
    String t = topic("wake");
    await(log.createTopic(t, 1));
    Checkpoint delivered = ctx.checkpoint(3); // strict: a fourth delivery fails the test too
    ConsumerOptions opts = ConsumerOptions.of(group("wake"), List.of(t)).withPollInterval(Duration.ofSeconds(60));
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), opts, (tx, batch) -> {
      batch.forEach(r -> delivered.flag());
      return Future.succeededFuture();
    }));
    eventually(Duration.ofSeconds(10), () -> c.emptyReads() >= 1); // parked on its 60 s poll timer from here on
    await(log.publish(t, records("k", 0, 3)));

    // 10 s is far below the 60 s poll interval: only the publish can have woken it
    assertThat(ctx.awaitCompletion(10, TimeUnit.SECONDS)).as("3 records delivered within 10 s").isTrue();
    assertThat(ctx.failed()).as(String.valueOf(ctx.causeOfFailure())).isFalse();
    await(c.stop());
  }

  @Test
  void shouldResumeAfterCheckpointWithExactlyTheUnprocessedRecords() throws Exception {
    String t = topic("resume");
    await(log.createTopic(t, 2));
    List<EbRef> firstRefs = await(log.publish(t, spread(0, 10)));
    String g = group("resume");
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), fastPoll(g, t), collect(got)));
    eventually(Duration.ofSeconds(20), () -> got.size() == 10);
    await(c.stop());
    assertThat(c.checkpoints().values()).doesNotContainNull();

    List<EbRef> secondRefs = await(log.publish(t, spread(10, 5)));
    List<LogRecord> again = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c2 = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), fastPoll(g, t), collect(again)));
    // every partition's checkpoint at its last record: all deliveries are done, so what follows proves absence
    Map<TopicPartition, String> last = new HashMap<>();
    secondRefs.forEach(r -> last.put(new TopicPartition(t, r.partition()), r.offset()));
    eventually(Duration.ofSeconds(20), () -> last.entrySet().stream()
        .allMatch(e -> e.getValue().equals(c2.checkpoints().get(e.getKey()))));
    await(c2.stop());
    assertThat(again).extracting(LogRecord::offset).containsExactlyInAnyOrderElementsOf(offsets(secondRefs));
    assertThat(got).extracting(LogRecord::offset).containsExactlyInAnyOrderElementsOf(offsets(firstRefs));
  }

  @Test
  void shouldRollBackStateAndCheckpointWhenHandlerFails() throws Exception {
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
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), fastPoll(group("rollback"), t).withReadBatchMax(4),
        handler));
    eventually(Duration.ofSeconds(20), () -> refs.get(5).offset().equals(c.checkpoints().get(new TopicPartition(t, 0))));
    await(c.stop());
    assertThat(delivered).extracting(LogRecord::offset).containsSubsequence(refs.get(0).offset(), refs.get(0).offset());
    List<String> stored = new ArrayList<>();
    await(db().query("SELECT log_offset FROM " + table, Tuple.tuple())).forEach(r -> stored.add(r.getString(0)));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(offsets(refs));
  }

  @Test
  void shouldRefuseSecondConsumerOfTheSameGroupNamingTheHolder() throws Exception {
    String t = topic("lease");
    await(log.createTopic(t, 1));
    String g = group("lease");
    LogConsumer first = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), fastPoll(g, t), collect(new ArrayList<>())));
    ConsumerOptions second = fastPoll(g, t);
    assertThatThrownBy(() -> await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), second, collect(new ArrayList<>()))))
        .isInstanceOfSatisfying(LeaseHeldException.class, e -> {
          assertThat(e.holder()).isEqualTo(first.options().holder());
          assertThat(e.getMessage()).contains(first.options().holder(), g);
        });
    await(first.stop());
    LogConsumer next = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), second, collect(new ArrayList<>())));
    assertThat(next.lease().fencingToken()).isEqualTo(first.lease().fencingToken() + 1);
    await(next.stop());
  }

  @Test
  void shouldTakeOverTheLeaseOfADeadProcessOfThisHostAtOnceAndOnlyThat() throws Exception {
    CheckpointStore store = new CheckpointStore(db(), Clock.systemUTC());
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String dead = LeaseHolders.holder("g", gone.pid(), LeaseHolders.host());
    String alive = LeaseHolders.holder("g", ProcessHandle.current().parent().orElseThrow().pid(), LeaseHolders.host());
    String elsewhere = LeaseHolders.holder("g", gone.pid(), "another-host");

    String g1 = group("dead");
    Lease killed = await(store.acquire(g1, dead, Duration.ofMinutes(5)));
    Lease mine = await(store.acquire(g1, LeaseHolders.newHolder(g1), Duration.ofSeconds(30)));
    assertThat(mine.fencingToken()).isEqualTo(killed.fencingToken() + 1);
    assertThatThrownBy(() -> await(store.renew(killed, Duration.ofSeconds(1)))).isInstanceOf(LeaseLostException.class);

    for (String holder : List.of(alive, elsewhere, "ghost@pid1-dead")) {
      String g = group("kept");
      await(store.acquire(g, holder, Duration.ofMinutes(5)));
      assertThatThrownBy(() -> await(store.acquire(g, LeaseHolders.newHolder(g), Duration.ofSeconds(30))))
          .isInstanceOfSatisfying(LeaseHeldException.class, e -> assertThat(e.holder()).isEqualTo(holder));
    }
  }

  @Test
  void shouldNotMoveCheckpointWithStaleFencingToken() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-02-10T09:20:00Z"));
    CheckpointStore store = new CheckpointStore(db(), clock);
    String g = group("fence");
    TopicPartition tp = new TopicPartition(topic("fence"), 0);
    Lease old = await(store.acquire(g, "old-holder", Duration.ofMillis(50)));
    await(store.saveFenced(old, tp, "3", log.offsetKind()));
    clock.advance(Duration.ofMillis(120));
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
  void shouldSkipOtherRunsAndAdvanceCheckpointPastThem() throws Exception {
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
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), opts, collect(got)));
    eventually(Duration.ofSeconds(20), () -> refs.get(4).offset().equals(c.checkpoints().get(new TopicPartition(t, 0))));
    await(c.stop());
    assertThat(got).extracting(LogRecord::offset).containsExactly(refs.get(1).offset(), refs.get(3).offset());
    assertThat(c.skipped()).isEqualTo(3);
  }

  @Test
  void shouldRestartFromStartPositionWhenCheckpointIsStale() throws Exception {
    String t = topic("stale");
    await(log.createTopic(t, 1));
    List<EbRef> refs = await(log.publish(t, records("k", 0, 3)));
    String g = group("stale");
    CheckpointStore store = new CheckpointStore(db(), Clock.systemUTC());
    Lease l = await(store.acquire(g, "setup", Duration.ofSeconds(30)));
    await(store.saveFenced(l, new TopicPartition(t, 0), staleOffset(), log.offsetKind()));
    await(store.release(l));
    List<LogRecord> got = Collections.synchronizedList(new ArrayList<>());
    LogConsumer c = await(LogConsumer.start(vertx, log, db(), Clock.systemUTC(), fastPoll(g, t), collect(got)));
    eventually(Duration.ofSeconds(20), () -> got.size() == 3);
    await(c.stop());
    assertThat(got).extracting(LogRecord::offset).containsExactlyElementsOf(offsets(refs));
  }

  /** An AFTER offset of the adapter's kind that the partition does not contain. */
  protected abstract String staleOffset() throws Exception;

  // ---- helpers

  protected Db db() throws Exception {
    if (db == null) {
      db = await(openDb(vertx));
    }
    return db;
  }

  protected static String topic(String name) throws Exception {
    return "t-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String group(String name) throws Exception {
    return "g-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static List<OutRecord> records(String key, int from, int n) throws Exception {
    List<OutRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new OutRecord(key, "{\"event_id\":\"e" + i + "\",\"seq\":" + i + "}"));
    }
    return out;
  }

  private static List<OutRecord> spread(int from, int n) throws Exception {
    List<OutRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new OutRecord("key-" + i, "{\"event_id\":\"e" + i + "\"}"));
    }
    return out;
  }

  private static List<String> offsets(List<EbRef> refs) throws Exception {
    return refs.stream().map(EbRef::offset).toList();
  }

  protected static ConsumerOptions fastPoll(String group, String topic) throws Exception {
    return ConsumerOptions.of(group, List.of(topic)).withPollInterval(Duration.ofMillis(50));
  }

  protected static BatchHandler collect(List<LogRecord> sink) throws Exception {
    return (tx, batch) -> {
      sink.addAll(batch);
      return Future.succeededFuture();
    };
  }

  protected List<LogRecord> readAll(String topic, int partition) throws Exception {
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

  protected static void eventually(Duration budget, Await.Condition condition) throws Exception {
    Await.until(budget, "the condition", condition);
  }
}
