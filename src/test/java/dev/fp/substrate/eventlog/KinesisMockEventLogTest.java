package dev.fp.substrate.eventlog;

import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * The conformance suite on {@link KinesisEventLog} against kinesis-mock ({@code FP_TEST_KINESIS_MOCK_ENDPOINT}; it
 * stores a few hundred records a second, so record counts stay small), with PostgreSQL checkpoints in a schema of
 * its own.
 */
@Tag("parity")
class KinesisMockEventLogTest extends EventLogConformanceTest {
  private static final String SCHEMA = KinesisTestSupport.newSchema();

  @Override
  protected EventLog newLog(Vertx vertx) {
    return new KinesisEventLog(vertx, KinesisTestSupport.settings(
        KinesisTestSupport.endpoint("FP_TEST_KINESIS_MOCK_ENDPOINT")));
  }

  @Override
  protected Future<Db> openDb(Vertx vertx) {
    return KinesisTestSupport.openDb(vertx, SCHEMA);
  }

  @Override
  protected String staleOffset() {
    return "49590338271490256608559692538361571095921575989136588898";
  }

  @Override
  protected int manyRecords() {
    return 80;
  }

  @AfterAll
  static void dropSchema() throws Exception {
    KinesisTestSupport.dropSchema(SCHEMA);
  }
}
