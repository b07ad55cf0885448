package dev.fp.caselabels.cm;

import dev.fp.testing.TestPostgres;

/** CM with PostgreSQL for SQL and the StateStore (file log). */
class PostgresCaseManagementTest extends CaseManagementContractTest {
  @Override
  String substrate() {
    return TestPostgres.substrateYaml(TestPostgres.freshSchema("t_cm_"));
  }
}
