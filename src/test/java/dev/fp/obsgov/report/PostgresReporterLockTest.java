package dev.fp.obsgov.report;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.testing.TestPostgres;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.List;

import static dev.fp.testing.Await.await;

/**
 * Parity: the PostgreSQL session advisory lock, taken through two separate pools (two "processes") on the real
 * server; the refused one names the holder from {@code pg_stat_activity}.
 */
@Tag("parity")
class PostgresReporterLockTest extends ReporterLockContractTest {
  private final String schema = TestPostgres.freshSchema("t_replock_");
  private final List<Db> dbs = new ArrayList<>();

  private ReporterLock open(Vertx vertx) throws Exception {
    Db db = await(Db.open(vertx, new SqlConfig("postgres", null, TestPostgres.settings(schema))));
    dbs.add(db);
    return new PgReporterLock(db);
  }

  @Override
  protected ReporterLock lock(Vertx vertx) throws Exception {
    return open(vertx);
  }

  @Override
  protected ReporterLock secondHandle(Vertx vertx) throws Exception {
    return open(vertx);
  }

  @AfterEach
  void close() throws Exception {
    for (Db db : dbs) {
      await(db.close());
    }
    TestPostgres.dropSchema(schema);
  }
}
