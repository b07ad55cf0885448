package dev.fp.ingress.ig;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.Tag;

/** {@link IgHostileInputTest} on the parity substrate: S3Mock, kinesalite, PostgreSQL (a fresh schema). */
@Tag("parity")
class IgHostileInputParityTest extends IgHostileInputTest {
  private final String schema = TestPostgres.freshSchema("t_igh_");

  @Override
  protected String substrateYaml() {
    return IgParityTest.substrate(schema);
  }

  @Override
  protected void afterClose() throws Exception {
    TestPostgres.dropSchema(schema);
  }
}
