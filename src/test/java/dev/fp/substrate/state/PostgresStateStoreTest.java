package dev.fp.substrate.state;

import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.Lease;
import dev.fp.substrate.eventlog.LeaseLostException;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.sql.Db;
import dev.fp.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite against the real PostgreSQL ({@link TestPostgres}) in a fresh schema per class, migrated by
 * the SQL port first (the fence reads its consumer leases); plus fencing and a statement PostgreSQL refuses.
 */
@Tag("parity")
class PostgresStateStoreTest extends StateStoreConformanceTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_state_");

  @BeforeAll
  static void migrate() throws Exception {
    Vertx v = Vertx.vertx();
    try {
      await(Db.open(v, new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA))).compose(Db::close));
    } finally {
      await(v.close());
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TestPostgres.dropSchema(SCHEMA);
  }

  @Override
  protected Future<StateStore> openStore(Vertx vertx) {
    return StateStores.create(vertx, StateSettings.postgres(TestPostgres.settings(SCHEMA)), Clock.systemUTC());
  }

  @Test
  void shouldFailTheWholeBatchWhenItsLeaseWasTakenOver() throws Exception {
    Table<String, Doc> t = docs("fenced");
    TopicPartition tp = new TopicPartition("topic", 0);
    Db db = await(Db.open(vertx, new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA))));
    try {
      Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
      Lease first = await(new CheckpointStore(db, Clock.fixed(t0, ZoneOffset.UTC))
          .acquire("fenced_group", "first", Duration.ofSeconds(10)));
      Lease second = await(new CheckpointStore(db, Clock.fixed(t0.plusSeconds(11), ZoneOffset.UTC))
          .acquire("fenced_group", "second", Duration.ofSeconds(10)));

      Throwable stale = failure(store.commit(new WriteBatch().fence(first).put(t, "k", new Doc("stale", 1))
          .checkpoint("fenced_group", tp, "5", "file_line")));
      await(store.commit(new WriteBatch().fence(second).put(t, "k2", new Doc("current", 2))
          .checkpoint("fenced_group", tp, "6", "file_line")));

      assertThat(stale).isInstanceOf(LeaseLostException.class).hasMessageContaining("fenced_group")
          .hasMessageContaining("first");
      assertThat(await(store.get(t, "k"))).isNull();
      assertThat(await(store.get(t, "k2"))).isEqualTo(new Doc("current", 2));
      assertThat(await(store.checkpoints("fenced_group")).get(tp).offset()).isEqualTo("6");
      assertThat(await(store.checkpoints("fenced_group")).get(tp).fencingToken()).isEqualTo(second.fencingToken());
    } finally {
      await(db.close());
    }
  }

  /** A value PostgreSQL refuses (not JSON) aborts the transaction after other statements of the batch ran. */
  @Test
  void shouldRollBackEveryStatementWhenOneFailsInTheDatabase() throws Exception {
    Table<String, Doc> a = docs("rollback_a");
    Table<String, String> raw = ensure(new Table<>("rollback_raw_" + System.nanoTime() % 100_000, KeyCodec.utf8(),
        new ValueCodec<String>() {
          @Override
          public byte[] encode(String value) { return value.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

          @Override
          public String decode(byte[] bytes) { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }
        }));

    Throwable err = failure(store.commit(new WriteBatch().put(a, "k", new Doc("A", 1)).put(raw, "ok", "{\"a\":1}")
        .put(raw, "bad", "not json").checkpoint("rollback_group", new TopicPartition("t", 0), "1", "file_line")));

    assertThat(err).isInstanceOf(StateStoreException.class).hasMessageContaining("commit");
    assertThat(await(store.get(a, "k"))).isNull();
    assertThat(await(store.get(raw, "ok"))).isNull();
    assertThat(await(store.checkpoints("rollback_group"))).isEmpty();
  }
}
