package dev.fp.rtdl.df;

import dev.fp.testing.TestPostgres;

/** DF, IG and AL with PostgreSQL for SQL and the StateStore (file log and folder object store). */
class PostgresDecisionFabricTest extends DecisionFabricContractTest {
  @Override
  String substrate() {
    return "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: "
        + TestPostgres.freshSchema("t_df_") + "\n";
  }
}
