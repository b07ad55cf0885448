package dev.fp.oracle;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OracleP3Test} against a real S3 server (S3Mock from scripts/harness/s3mock.sh) at FP_TEST_S3_ENDPOINT. */
@Tag("parity")
class OracleP3S3Test extends OracleP3Test {

  @Override
  protected ObjectStoreConfig storeConfig() {
    String endpoint = System.getenv("FP_TEST_S3_ENDPOINT");
    assertThat(endpoint).as("FP_TEST_S3_ENDPOINT must name the S3 endpoint (scripts/harness/s3mock.sh start)")
        .isNotBlank();
    return new ObjectStoreConfig("s3", null, new ObjectStoreConfig.S3Settings(endpoint, "us-east-1", "fp", "fp", true),
        5, 50);
  }
}
