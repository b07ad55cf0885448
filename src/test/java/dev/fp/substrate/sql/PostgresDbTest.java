package dev.fp.substrate.sql;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/** Against the real PostgreSQL ({@link TestPostgres}); a fresh schema per class. */
@Tag("parity")
class PostgresDbTest extends DbConformanceTest {
  static final String SCHEMA = TestPostgres.freshSchema("t_db_");

  @Override
  protected SqlConfig config() {
    return new SqlConfig("postgres", null, TestPostgres.settings(SCHEMA));
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TestPostgres.dropSchema(SCHEMA);
  }
}
