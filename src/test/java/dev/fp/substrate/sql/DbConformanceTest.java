package dev.fp.substrate.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL state port's contract; each dialect's test only supplies the configuration. */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
abstract class DbConformanceTest {
  protected Vertx vertx;
  protected Db db;

  protected abstract SqlConfig config();

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    db = await(Db.open(vertx, config()));
  }

  @AfterEach
  void close() throws Exception {
    await(db.close());
  }

  /**
   * Regression (issue 9, item 7: "IllegalStateException: Promise already completed" in the log). Vert.x 5.0's pool
   * acquire timeout can fire after the connection was handed to the waiter; the hand-over then throws that exception
   * and the connection is never returned (SQLite's one-connection pool is dead from then on). Db's pools therefore
   * have no acquire timeout, and a pool under heavy contention from many contexts hands every waiter its connection.
   */
  @Test
  void poolsHaveNoAcquireTimeoutSoAContendedPoolNeverLosesAConnection() throws Exception {
    assertThat(Db.poolOptions(1).getConnectionTimeout()).isZero();
    List<Throwable> unhandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.exceptionHandler(unhandled::add);
    List<Future<Integer>> all = new ArrayList<>();
    List<io.vertx.core.Context> contexts = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      contexts.add(vertx.getOrCreateContext());
    }
    for (int i = 0; i < 2_000; i++) {
      io.vertx.core.Promise<Integer> done = io.vertx.core.Promise.promise();
      contexts.get(i % contexts.size()).runOnContext(v -> db.withTransaction("contended", conn ->
          db.query(conn, "SELECT 1 AS one", Tuple.tuple()).map(rows -> rows.iterator().next().getInteger("one")))
          .onComplete(done));
      all.add(done.future());
    }
    await(Future.all(all));
    assertThat(all).allSatisfy(f -> assertThat(f.result()).isEqualTo(1));
    assertThat(await(db.query("SELECT 2 AS two", Tuple.tuple())).iterator().next().getInteger("two")).isEqualTo(2);
    assertThat(unhandled).isEmpty();
  }

  @Test
  void shouldApplyEveryMigrationOnce() throws Exception {
    List<Integer> versions = versions();
    assertThat(versions).isNotEmpty().endsWith(Migrations.latestVersion());
    await(Migrations.apply(db));
    assertThat(versions()).isEqualTo(versions);
  }

  @Test
  void shouldRoundTripWithPostgresPlaceholders() throws Exception {
    await(db.query("INSERT INTO platform_runs (platform_run_id, profile, config_digest, cap_per_output, mode, status, "
        + "created_at_utc, updated_at_utc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        Tuple.of("platform_20260101T000000Z", "t", "d", 20L, "fraud", "RUNNING", "a", "b")));
    Row row = await(db.query("SELECT cap_per_output, mode FROM platform_runs WHERE platform_run_id = $1",
        Tuple.of("platform_20260101T000000Z"))).iterator().next();
    assertThat(row.getLong("cap_per_output")).isEqualTo(20L);
    assertThat(row.getString("mode")).isEqualTo("fraud");
  }

  @Test
  void shouldRecogniseUniqueViolation() throws Exception {
    String sql = "INSERT INTO platform_runs (platform_run_id, profile, config_digest, cap_per_output, mode, status, "
        + "created_at_utc, updated_at_utc) VALUES ($1, 'p', 'd', 1, 'fraud', 'RUNNING', 'a', 'b')";
    await(db.query(sql, Tuple.of("platform_20260101T000001Z")));
    Throwable err = db.query(sql, Tuple.of("platform_20260101T000001Z")).toCompletionStage().handle((r, e) -> e)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(err).isNotNull();
    assertThat(db.dialect().isUniqueViolation(err)).isTrue();
  }

  @Test
  void shouldSupportOnConflictAndReturning() throws Exception {
    String sql = "INSERT INTO platform_runs (platform_run_id, profile, config_digest, cap_per_output, mode, status, "
        + "created_at_utc, updated_at_utc) VALUES ($1, 'p', 'd', 1, 'fraud', 'RUNNING', 'a', 'b') "
        + "ON CONFLICT (platform_run_id) DO UPDATE SET status = 'AGAIN' RETURNING status";
    assertThat(await(db.query(sql, Tuple.of("platform_20260101T000002Z"))).iterator().next().getString("status"))
        .isEqualTo("RUNNING");
    assertThat(await(db.query(sql, Tuple.of("platform_20260101T000002Z"))).iterator().next().getString("status"))
        .isEqualTo("AGAIN");
  }

  @Test
  void shouldRollBackWholeTransactionOnFailure() throws Exception {
    Future<Object> tx = db.withTransaction("test op", conn -> db.query(conn,
            "INSERT INTO platform_runs (platform_run_id, profile, config_digest, cap_per_output, mode, status, "
                + "created_at_utc, updated_at_utc) VALUES ($1, 'p', 'd', 1, 'fraud', 'RUNNING', 'a', 'b')",
            Tuple.of("platform_20260101T000003Z"))
        .compose(v -> Future.failedFuture(new IllegalStateException("boom"))));
    assertThatThrownBy(() -> await(tx)).isInstanceOf(SqlStateException.class).hasMessageContaining("test op");
    assertThat(await(db.query("SELECT COUNT(*) AS n FROM platform_runs WHERE platform_run_id = $1",
        Tuple.of("platform_20260101T000003Z"))).iterator().next().getLong("n")).isZero();
  }

  /**
   * V006 rebuilds IG's admission index and the evidence index with compact keys: rows written under the V003 layout
   * keep every column, gain their key prefix / prefix number, and stay unique under the new indexes.
   */
  @Test
  void shouldCarryAdmissionAndEvidenceRowsThroughV006() throws Exception {
    List<String> v003 = Migrations.statements(db.dialect().ddl(Migrations.resource("/db/V003__ig.sql")));
    String key = "ab".repeat(32);
    await(db.withTransaction("back to V003", conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (String s : List.of("DROP TABLE ig_admissions", "DROP TABLE evidence_records", "DROP TABLE evidence_prefixes")) {
        chain = chain.compose(v -> conn.query(s).execute().mapEmpty());
      }
      for (String s : v003) {
        if (s.contains(" ig_admissions") || s.contains(" evidence_index")) {
          chain = chain.compose(v -> conn.query(s).execute().mapEmpty());
        }
      }
      return chain.compose(v -> db.query(conn, "INSERT INTO ig_admissions (dedupe_key, state, platform_run_id, "
              + "event_class, event_id, event_type, payload_hash, claim_token, created_at_utc, updated_at_utc, eb_topic, "
              + "eb_offset, receipt_ref) VALUES ($1, 'ADMITTED', 'run', 'traffic_fraud', 'e1', 't', 'h', 'tok', 'a', 'b', "
              + "'topic', '42', 'ref')", Tuple.of(key)))
          .compose(v -> db.query(conn, "INSERT INTO evidence_index (prefix, record_id, segment_seq, line_no, digest) "
              + "VALUES ($1, $2, $3, $4, $5)", Tuple.of("fraud-platform/run/ig/receipts", "r1", 7L, 3, "d1")))
          .compose(v -> db.query(conn, "INSERT INTO evidence_index (prefix, record_id, segment_seq, line_no, digest) "
              + "VALUES ($1, $2, $3, $4, $5)", Tuple.of("fraud-platform/run/ig/receipts", "r2", 9L, 1, "d2")))
          .mapEmpty();
    }));
    List<String> v006 = Migrations.statements(db.dialect().ddl(Migrations.resource("/db/V006__compact_keys.sql")));
    await(db.withTransaction("V006", conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (String s : v006) {
        chain = chain.compose(v -> conn.query(s).execute().mapEmpty());
      }
      return chain;
    }));
    Row admission = await(db.query("SELECT key_prefix, dedupe_key, state, eb_offset, receipt_ref FROM ig_admissions",
        Tuple.tuple())).iterator().next();
    assertThat(admission.getString("key_prefix")).isEqualTo(key.substring(0, 24));
    assertThat(admission.getString("dedupe_key")).isEqualTo(key);
    assertThat(admission.getString("eb_offset")).isEqualTo("42");
    assertThat(admission.getString("receipt_ref")).isEqualTo("ref");
    Row prefix = await(db.query("SELECT prefix_id, max_segment FROM evidence_prefixes WHERE prefix = $1",
        Tuple.of("fraud-platform/run/ig/receipts"))).iterator().next();
    assertThat(prefix.getLong("max_segment")).isEqualTo(9L);
    List<String> records = new ArrayList<>();
    for (Row r : await(db.query("SELECT record_id, segment_seq, line_no, digest FROM evidence_records "
        + "WHERE prefix_id = $1 ORDER BY record_id", Tuple.of(prefix.getLong("prefix_id"))))) {
      records.add(r.getString("record_id") + "@" + r.getLong("segment_seq") + ":" + r.getInteger("line_no") + "/"
          + r.getString("digest"));
    }
    assertThat(records).containsExactly("r1@7:3/d1", "r2@9:1/d2");
    assertThatThrownBy(() -> await(db.query("INSERT INTO ig_admissions (key_prefix, dedupe_key, state, platform_run_id, "
        + "event_class, event_id, event_type, payload_hash, claim_token, created_at_utc, updated_at_utc, eb_topic) "
        + "VALUES ($1, $2, 'PUBLISH_IN_FLIGHT', 'run', 'c', 'e2', 't', 'h', 'tok', 'a', 'b', 'topic')",
        Tuple.of(key.substring(0, 24), key.substring(0, 24) + "cd".repeat(20)))))
        .satisfies(err -> assertThat(db.dialect().isUniqueViolation(err)).isTrue());
  }

  private List<Integer> versions() throws Exception {
    List<Integer> out = new ArrayList<>();
    for (Row r : await(db.query("SELECT version FROM schema_migrations ORDER BY version", Tuple.tuple()))) {
      out.add(r.getInteger("version"));
    }
    return out;
  }
}
