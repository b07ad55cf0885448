package dev.fp.substrate.sql;

import dev.fp.platform.config.SqlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL state port's contract; each dialect's test only supplies the configuration. */
abstract class DbConformanceTest {
  protected Vertx vertx;
  protected Db db;

  protected abstract SqlConfig config();

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = await(Db.open(vertx, config()));
  }

  @AfterEach
  void close() throws Exception {
    await(db.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
    assertThatThrownBy(() -> await(tx)).hasCauseInstanceOf(SqlStateException.class).hasMessageContaining("test op");
    assertThat(await(db.query("SELECT COUNT(*) AS n FROM platform_runs WHERE platform_run_id = $1",
        Tuple.of("platform_20260101T000003Z"))).iterator().next().getLong("n")).isZero();
  }

  private List<Integer> versions() throws Exception {
    List<Integer> out = new ArrayList<>();
    for (Row r : await(db.query("SELECT version FROM schema_migrations ORDER BY version", Tuple.tuple()))) {
      out.add(r.getInteger("version"));
    }
    return out;
  }
}
