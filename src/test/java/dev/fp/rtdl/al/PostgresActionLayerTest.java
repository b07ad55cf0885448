package dev.fp.rtdl.al;

import dev.fp.testing.TestPostgres;

/** AL and IG with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresActionLayerTest extends ActionLayerContractTest {
  @Override
  String substrate() {
    return "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: "
        + TestPostgres.freshSchema("t_al_") + "\n";
  }
}
