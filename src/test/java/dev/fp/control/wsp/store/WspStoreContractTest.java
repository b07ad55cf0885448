package dev.fp.control.wsp.store;

import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.OutputProgress;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** WSP's SQL against one real database; subclasses pick SQLite or PostgreSQL. */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
abstract class WspStoreContractTest {
  static final String RUN = "platform_20260210T091951Z";
  Vertx vertx;
  Db db;
  WspStore store;

  protected abstract SqlConfig config();

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    db = await(Db.open(vertx, config()));
    store = new WspStore(db, Clock.fixed(Instant.parse("2026-02-10T09:20:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    await(db.close());
  }

  String unique(String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  @Test
  void shouldRecordAReadyOncePerMessageId() throws Exception {
    String id = unique("m");
    assertThat(await(store.insertReady(db.pool(), id, RUN, "s1", "{\"a\":1}", "sr-control-bus/0@1"))).isTrue();
    assertThat(await(store.insertReady(db.pool(), id, RUN, "s1", "{\"a\":2}", "sr-control-bus/0@9"))).isFalse();

    ReadyRecord r = await(store.ready(db.pool(), id)).orElseThrow();
    assertThat(r.status()).isEqualTo(ReadyStatus.PENDING);
    assertThat(r.readyJson()).isEqualTo("{\"a\":1}");
    assertThat(r.sourceOffset()).isEqualTo("sr-control-bus/0@1");
    assertThat(r.attempts()).isZero();
  }

  @Test
  void shouldHandOutDuePendingReadiesOldestFirstAndHoldDeferredOnes() throws Exception {
    String run = uniqueRun();
    String first = unique("a");
    String second = unique("b");
    await(store.insertReady(db.pool(), first, run, "s", "{}", "o1"));
    await(store.insertReady(db.pool(), second, run, "s", "{}", "o2"));
    List<String> mine = List.of(first, second);

    assertThat(dueOf(mine, 1000)).isEqualTo(first);
    await(store.defer(db.pool(), first, "PACK_STATE_MISSING:x", 5000));
    assertThat(dueOf(mine, 1000)).isEqualTo(second);
    await(store.finish(db.pool(), second, ReadyStatus.FAILED, "IG_PUSH_REJECTED", 3));
    assertThat(dueOf(mine, 1000)).isNull();
    assertThat(dueOf(mine, 5000)).isEqualTo(first);

    assertThat(await(store.requeueFailed(db.pool(), run))).isEqualTo(1);
    ReadyRecord requeued = await(store.ready(db.pool(), second)).orElseThrow();
    assertThat(requeued.status()).isEqualTo(ReadyStatus.PENDING);
    assertThat(requeued.attempts()).isEqualTo(1);
    assertThat(await(store.readies(run))).extracting(ReadyRecord::messageId).containsExactly(first, second);
  }

  /** A run id no other test (of any class sharing the database) uses: the tables are not cleared between tests. */
  private static String uniqueRun() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return String.format("platform_2026%04dT%06dZ", r.nextInt(10_000), r.nextInt(1_000_000));
  }

  /** The first due READY among {@code mine} (other test classes may share the database). */
  private String dueOf(List<String> mine, long now) throws Exception {
    for (ReadyRecord r : await(store.readies(null))) {
      if (mine.contains(r.messageId()) && r.status() == ReadyStatus.PENDING && r.nextAttemptAtMs() <= now) {
        return r.messageId();
      }
    }
    return null;
  }

  @Test
  void shouldUpsertCheckpointsKeepingTheFirstPushTime() throws Exception {
    String scope = unique("scope");
    String run = uniqueRun();
    CheckpointRow row = new CheckpointRow(scope, "out", run, "s", "pk", Cursor.START, 100, OutputProgress.STREAMING,
        null, "2026-02-10T09:20:00.000000Z", null);
    await(store.saveCheckpoint(db.pool(), row, 1));
    CheckpointRow later = row.with(new Cursor("part-000001.parquet", 7, "2026-01-01T00:00:07.000000Z", 58),
        "MAX_EVENTS", null, "2026-02-10T09:30:00.000000Z", "2026-02-10T09:30:01.000000Z");
    await(store.saveCheckpoint(db.pool(), later, 2));

    CheckpointRow stored = await(store.checkpoint(scope, "out")).orElseThrow();
    assertThat(stored.cursor()).isEqualTo(later.cursor());
    assertThat(stored.status()).isEqualTo("MAX_EVENTS");
    assertThat(stored.firstPushAtUtc()).isEqualTo("2026-02-10T09:20:00.000000Z");
    assertThat(stored.lastAckAtUtc()).isEqualTo("2026-02-10T09:30:01.000000Z");
    assertThat(await(store.progress(run))).containsExactly(new OutputProgress("out", 58, 100, "MAX_EVENTS", null,
        "2026-02-10T09:20:00.000000Z", "2026-02-10T09:30:01.000000Z"));
    assertThat(await(store.checkpoint(scope, "other"))).isEmpty();
  }
}
