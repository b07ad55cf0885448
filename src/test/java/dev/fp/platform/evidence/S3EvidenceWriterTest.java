package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Both layouts against a real S3 server at {@code FP_TEST_S3_ENDPOINT} (S3Mock from scripts/harness/s3mock.sh). */
@Tag("parity")
class S3EvidenceWriterTest {
  static ObjectStoreConfig s3() {
    String endpoint = System.getenv("FP_TEST_S3_ENDPOINT");
    assertThat(endpoint).as("FP_TEST_S3_ENDPOINT must name the S3 endpoint").isNotBlank();
    return new ObjectStoreConfig("s3", null, new ObjectStoreConfig.S3Settings(endpoint, "us-east-1", "fp", "fp", true),
        5, 50);
  }

  /**
   * S3Mock 4.11.0 lets several concurrent put-if-absent writers win (see S3ObjectStoreTest); the object layout's
   * concurrent-writers case runs only on servers that keep conditional writes atomic (MinIO, AWS).
   */
  static void assumeAtomic() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.parseBoolean(System.getenv("FP_TEST_S3_ATOMIC_CONDITIONALS")),
        "S3Mock does not keep concurrent conditional writes atomic; set FP_TEST_S3_ATOMIC_CONDITIONALS=true for MinIO/AWS");
  }

  @Nested
  class ObjectLayout extends EvidenceWriterContractTest {
    @Override
    protected EvidenceLayout layout() {
      return EvidenceLayout.OBJECT;
    }

    @Override
    protected void assumeAtomicConditionalWrites() {
      assumeAtomic();
    }

    @Override
    protected ObjectStoreConfig storeConfig(Path dir) {
      return s3();
    }
  }

  @Nested
  class SegmentLayout extends EvidenceWriterContractTest {
    @Override
    protected EvidenceLayout layout() {
      return EvidenceLayout.SEGMENT;
    }

    @Override
    protected ObjectStoreConfig storeConfig(Path dir) {
      return s3();
    }
  }
}
