package dev.fp.rtdl.df;

import dev.fp.testing.TestPostgres;

/** DF, IG and AL with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresDecisionFabricTest extends DecisionFabricContractTest {
  @Override
  String substrate() {
    return TestPostgres.substrateYaml(TestPostgres.freshSchema("t_df_"));
  }
}
