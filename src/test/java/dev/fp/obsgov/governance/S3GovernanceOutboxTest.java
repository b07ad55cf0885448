package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/** The emitters' outbox to the governance log on a real S3 server (S3Mock at {@code FP_TEST_S3_ENDPOINT}). */
@Tag("parity")
class S3GovernanceOutboxTest extends GovernanceOutboxContractTest {
  @Override
  protected ObjectStoreConfig config() {
    String endpoint = System.getenv("FP_TEST_S3_ENDPOINT");
    assertThat(endpoint).as("FP_TEST_S3_ENDPOINT must name the S3 endpoint").isNotBlank();
    return new ObjectStoreConfig("s3", null, new ObjectStoreConfig.S3Settings(endpoint, "us-east-1", "fp", "fp", true),
        ObjectStoreConfig.DEFAULT_APPEND_MAX_ATTEMPTS, ObjectStoreConfig.DEFAULT_APPEND_BACKOFF_MS);
  }
}
