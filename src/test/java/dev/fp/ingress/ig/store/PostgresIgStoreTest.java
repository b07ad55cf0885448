package dev.fp.ingress.ig.store;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.state.StateSettings;
import dev.fp.testing.TestPostgres;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** IG's tables on the parity StateStore (the real PostgreSQL, {@link TestPostgres}); a fresh schema per class. */
@Tag("parity")
class PostgresIgStoreTest extends IgStoreContractTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_ig_");

  @BeforeAll
  static void migrate() throws Exception {
    Vertx v = Vertx.vertx();
    try {
      await(Db.open(v, new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA))).compose(Db::close));
    } finally {
      await(v.close());
    }
  }

  @Override
  protected StateSettings settings() {
    return StateSettings.postgres(TestPostgres.settings(SCHEMA));
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TestPostgres.dropSchema(SCHEMA);
  }
}
