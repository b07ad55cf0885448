package dev.fp.obsgov;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.Tag;

/**
 * P11 end to end on the parity substrate (S3Mock, kinesalite, PostgreSQL): the reporter's lock is the PostgreSQL
 * advisory lock, the bundle and the governance log live in S3, conformance checks the Kinesis topics.
 */
@Tag("parity")
class ParityObsGovClosedPhaseTest extends ObsGovClosedPhaseTest {
  private final String schema = TestPostgres.freshSchema("t_p11_");

  @Override
  protected String substrateYaml() {
    return "substrate:\n"
        + "  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + System.getenv("FP_TEST_S3_ENDPOINT") + "\n"
        + "  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + System.getenv("FP_TEST_KINESALITE_ENDPOINT")
        + "\n  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: " + schema + "\n";
  }

  @Override
  protected void cleanUp() throws Exception {
    TestPostgres.dropSchema(schema);
  }
}
