package dev.fp.caselabels.cm;

import dev.fp.testing.TestPostgres;

/** CM with PostgreSQL for SQL and the StateStore (file log). */
class PostgresCaseManagementTest extends CaseManagementContractTest {
  @Override
  String substrate() {
    return "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: "
        + TestPostgres.freshSchema("t_cm_") + "\n";
  }
}
