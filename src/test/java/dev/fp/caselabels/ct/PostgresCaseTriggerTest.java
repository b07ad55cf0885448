package dev.fp.caselabels.ct;

import dev.fp.testing.TestPostgres;

/** CT and IG with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresCaseTriggerTest extends CaseTriggerContractTest {
  @Override
  String substrate() {
    return "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: "
        + TestPostgres.freshSchema("t_ct_") + "\n";
  }
}
