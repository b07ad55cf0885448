package dev.fp.ingress.ig;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.Tag;

/** {@link IgStuckGateTest} on the parity substrate: S3Mock, kinesalite, PostgreSQL (a fresh schema). */
@Tag("parity")
class IgStuckGateParityTest extends IgStuckGateTest {
  private final String schema = TestPostgres.freshSchema("t_igs_");

  @Override
  protected String substrateYaml() {
    return IgParityTest.substrate(schema);
  }

  @Override
  protected void afterClose() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  /** A cycle writes its receipts to S3Mock one object each: give it room on a loaded machine. */
  @Override
  protected int cycleTimeoutMs() {
    return 3_000;
  }
}
