package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The object stores the governance tests run against, and a run id per test that keeps tests apart in a bucket. */
final class GovernanceStores {
  private GovernanceStores() {
  }

  /** The embedded object store (directory tree) under {@code root}. */
  static ObjectStoreConfig fs(Path root) {
    return new ObjectStoreConfig("fs", root, null, ObjectStoreConfig.DEFAULT_APPEND_MAX_ATTEMPTS,
        ObjectStoreConfig.DEFAULT_APPEND_BACKOFF_MS);
  }

  /** A real S3 server (S3Mock at {@code FP_TEST_S3_ENDPOINT}). */
  static ObjectStoreConfig s3() {
    String endpoint = System.getenv("FP_TEST_S3_ENDPOINT");
    assertThat(endpoint).as("FP_TEST_S3_ENDPOINT must name the S3 endpoint").isNotBlank();
    return new ObjectStoreConfig("s3", null, new ObjectStoreConfig.S3Settings(endpoint, "us-east-1", "fp", "fp", true),
        ObjectStoreConfig.DEFAULT_APPEND_MAX_ATTEMPTS, ObjectStoreConfig.DEFAULT_APPEND_BACKOFF_MS);
  }

  /** A unique, well-formed platform run id. */
  static String freshRun() {
    return "platform_2026" + String.format("%04d", Math.abs(UUID.randomUUID().hashCode()) % 10_000) + "T"
        + String.format("%06d", Math.abs(UUID.randomUUID().hashCode()) % 1_000_000) + "Z";
  }
}
