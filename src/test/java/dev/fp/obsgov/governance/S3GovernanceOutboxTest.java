package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Tag;

/** The emitters' outbox to the governance log on a real S3 server (S3Mock at {@code FP_TEST_S3_ENDPOINT}). */
@Tag("parity")
class S3GovernanceOutboxTest extends GovernanceOutboxContractTest {
  @Override
  protected ObjectStoreConfig config() {
    return GovernanceStores.s3();
  }
}
