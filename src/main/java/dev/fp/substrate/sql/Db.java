package dev.fp.substrate.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL state port: one {@link Pool} plus its {@link Dialect}. Stores take a {@link SqlClient} so the same method
 * runs on the pool or inside {@link #withTransaction}. SQLite runs through the JDBC client (blocking work on Vert.x
 * worker threads, one connection: SQLite has one writer); PostgreSQL through the non-blocking, pipelined pg client.
 */
public final class Db {
  /**
   * SQLite page cache (an upper bound, allocated as pages are read): the dedupe and evidence indexes take random-key
   * inserts, so a cache that holds them (instead of the 2 MiB default) keeps page reads in memory.
   */
  private static final int SQLITE_CACHE_KIB = 256 * 1024;
  /** Reads through a memory map instead of a pread call per page. */
  private static final long SQLITE_MMAP_BYTES = 1L << 30;
  /**
   * WAL pages before a commit copies them back into the database file (default 1 000): a page dirtied by many
   * commits in between is copied once (`fp bench ig`, embedded: 4 535 vs 4 069 batch admissions/s).
   */
  private static final int SQLITE_WAL_CHECKPOINT_PAGES = 10_000;
  private final Pool pool;
  private final Dialect dialect;
  private final String description;

  private Db(Pool pool, Dialect dialect, String description) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
  }

  /**
   * Opens the database for inspection only: no migration, and on SQLite no file is created — a missing file gives an
   * empty result (nothing has run here yet).
   */
  public static Future<java.util.Optional<Db>> openExisting(Vertx vertx, SqlConfig cfg) {
    if (cfg.kind().equals("postgres")) {
      return openPostgres(vertx, cfg.postgres()).map(java.util.Optional::of);
    }
    return vertx.executeBlocking(() -> Files.isRegularFile(cfg.sqlitePath()))
        .compose(exists -> exists ? openSqlite(vertx, cfg.sqlitePath()).map(java.util.Optional::of)
            : Future.succeededFuture(java.util.Optional.empty()));
  }

  /** Opens the configured database and applies pending migrations. */
  public static Future<Db> open(Vertx vertx, SqlConfig cfg) {
    Future<Db> db = cfg.kind().equals("postgres") ? openPostgres(vertx, cfg.postgres()) : openSqlite(vertx, cfg.sqlitePath());
    return db.compose(d -> Migrations.apply(d).map(d));
  }

  private static Future<Db> openSqlite(Vertx vertx, Path file) {
    return vertx.executeBlocking(() -> {
      Path parent = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new SqlStateException("open", "cannot create " + parent + ": " + e.getMessage(), e);
      }
      SQLiteConfig sc = new SQLiteConfig();
      sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sc.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sc.setBusyTimeout(10_000);
      sc.setCacheSize(-SQLITE_CACHE_KIB);
      sc.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SQLITE_MMAP_BYTES));
      sc.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(SQLITE_WAL_CHECKPOINT_PAGES));
      SQLiteDataSource ds = new SQLiteDataSource(sc);
      ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
      Pool pool = JDBCPool.pool(vertx, ds, poolOptions(1).setName("fp-sqlite-" + file));
      return new Db(pool, new SqliteDialect(), "sqlite " + file);
    });
  }

  private static Future<Db> openPostgres(Vertx vertx, SqlConfig.PgSettings pg) {
    PgConnectOptions base = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
        .setUser(pg.user()).setPassword(pg.password()).setPipeliningLimit(pg.pipeliningLimit())
        .setReconnectAttempts(2).setReconnectInterval(200);
    Pool bootstrap = PgBuilder.pool().connectingTo(base).with(poolOptions(1)).using(vertx).build();
    return bootstrap.query("CREATE SCHEMA IF NOT EXISTS " + pg.schema()).execute()
        .eventually(bootstrap::close)
        .map(v -> {
          PgConnectOptions opts = new PgConnectOptions(base).setProperties(Map.of("search_path", pg.schema()));
          Pool pool = PgBuilder.pool().connectingTo(opts).with(poolOptions(pg.poolSize()))
              .using(vertx).build();
          return new Db(pool, new PostgresDialect(),
              "postgresql://" + pg.user() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database() + "?schema=" + pg.schema());
        });
  }

  /**
   * Pool options without an acquire timeout. In Vert.x 5.0 the timeout can fire after the pool has handed the
   * connection to the waiter (eclipse-vertx/vert.x#6169): the waiter fails with "Timeout", the hand-over then throws
   * {@code IllegalStateException: Promise already completed}, and the connection is never returned — on SQLite's
   * one-connection pool every later statement then waits forever. Waits are bounded by the callers instead (IG's
   * {@code cycle_timeout_ms}, health-probe timeouts, HTTP timeouts).
   */
  static PoolOptions poolOptions(int maxSize) {
    return new PoolOptions().setMaxSize(maxSize).setConnectionTimeout(0);
  }

  public Pool pool() { return pool; }

  public Dialect dialect() { return dialect; }

  /** Where the state lives, for banners and errors (never a password). */
  public String description() { return description; }

  /** Runs a prepared statement written with {@code $n} placeholders on the given client. */
  public Future<RowSet<Row>> query(SqlClient client, String sql, Tuple args) {
    return client.preparedQuery(dialect.sql(sql)).execute(args);
  }

  /**
   * Runs a prepared statement on the pool. On SQLite it runs in its own transaction: after a transaction the JDBC
   * connection stays in manual-commit mode, so a bare statement would otherwise stay uncommitted (holding the write
   * lock) until the next transaction commits it.
   */
  public Future<RowSet<Row>> query(String sql, Tuple args) {
    return dialect instanceof SqliteDialect ? pool.withTransaction(conn -> query(conn, sql, args)) : query(pool, sql, args);
  }

  /**
   * Runs {@code work} in one transaction (commit on success, rollback on failure, connection always released). The
   * failure keeps its cause and names the operation.
   */
  public <T> Future<T> withTransaction(String op, Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work).recover(err -> Future.failedFuture(
        err instanceof SqlStateException ? err : new SqlStateException(op, err.getMessage(), err)));
  }

  /**
   * Closes the pool; on SQLite an empty transaction first commits any bare statement left pending (see query). The
   * pool is closed either way; a failed flush then fails the returned future with its cause (statements may be lost).
   */
  public Future<Void> close() {
    Future<Void> flush = dialect instanceof SqliteDialect
        ? pool.withTransaction(conn -> Future.<Void>succeededFuture())
        : Future.succeededFuture();
    return flush.transform(flushed -> pool.close().compose(v -> flushed.succeeded() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new SqlStateException("close: commit pending statements", flushed.cause().getMessage(),
            flushed.cause()))));
  }
}
