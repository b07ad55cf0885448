package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Tag;

/**
 * The governance log on a real S3 server (S3Mock at {@code FP_TEST_S3_ENDPOINT}). S3Mock does not keep racing
 * conditional writes atomic, so the two-writer race runs only where {@code FP_TEST_S3_ATOMIC_CONDITIONALS=true}
 * (MinIO, AWS); the single writer's own emitters are serialised and run here.
 */
@Tag("parity")
class S3GovernanceLogTest extends GovernanceLogContractTest {
  @Override
  protected ObjectStoreConfig config() {
    return GovernanceStores.s3();
  }

  @Override
  protected boolean atomicConditionalWrites() {
    return Boolean.parseBoolean(System.getenv("FP_TEST_S3_ATOMIC_CONDITIONALS"));
  }
}
