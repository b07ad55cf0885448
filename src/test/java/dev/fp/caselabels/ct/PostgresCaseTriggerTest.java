package dev.fp.caselabels.ct;

import dev.fp.testing.TestPostgres;

/** CT and IG with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresCaseTriggerTest extends CaseTriggerContractTest {
  @Override
  String substrate() {
    return TestPostgres.substrateYaml(TestPostgres.freshSchema("t_ct_"));
  }
}
