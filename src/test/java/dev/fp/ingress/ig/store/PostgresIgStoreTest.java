package dev.fp.ingress.ig.store;

import dev.fp.substrate.sql.SqlConfig;
import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/** IG's SQL on the real PostgreSQL ({@link TestPostgres}); a fresh schema per class. */
@Tag("parity")
class PostgresIgStoreTest extends IgStoreContractTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_ig_");

  @Override
  protected SqlConfig config() {
    return new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA));
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TestPostgres.dropSchema(SCHEMA);
  }
}
