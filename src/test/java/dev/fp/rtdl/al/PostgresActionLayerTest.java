package dev.fp.rtdl.al;

import dev.fp.testing.TestPostgres;

/** AL and IG with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresActionLayerTest extends ActionLayerContractTest {
  @Override
  String substrate() {
    return TestPostgres.substrateYaml(TestPostgres.freshSchema("t_al_"));
  }
}
