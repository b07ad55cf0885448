package dev.fp.control.wsp.store;

import dev.fp.substrate.sql.SqlConfig;
import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/** WSP's SQL on the real PostgreSQL ({@link TestPostgres}); a fresh schema per class. */
@Tag("parity")
class PostgresWspStoreTest extends WspStoreContractTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_wsp_");

  @Override
  protected SqlConfig config() {
    return new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA));
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TestPostgres.dropSchema(SCHEMA);
  }
}
