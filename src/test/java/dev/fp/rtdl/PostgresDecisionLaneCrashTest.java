package dev.fp.rtdl;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision lane killed in every window with PostgreSQL for SQL and the StateStore (file log and folder object
 * store), each folder in a fresh schema, dropped after the test.
 */
class PostgresDecisionLaneCrashTest extends DecisionLaneCrashTest {
  private final List<String> schemas = new ArrayList<>();

  @Override
  String substrate() {
    String schema = TestPostgres.freshSchema("t_lane_");
    schemas.add(schema);
    return TestPostgres.substrateYaml(schema);
  }

  @AfterEach
  void dropSchemas() throws Exception {
    for (String schema : schemas) {
      TestPostgres.dropSchema(schema);
    }
  }
}
