package dev.fp.substrate.objectstore;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;

import java.nio.file.Path;
import java.util.Set;

/** {@code substrate.objectstore}: which adapter, and its settings. */
public record ObjectStoreConfig(String kind, Path fsRoot, S3Settings s3, int appendMaxAttempts, int appendBackoffMs) {
  public static final int DEFAULT_APPEND_MAX_ATTEMPTS = 5;
  public static final int DEFAULT_APPEND_BACKOFF_MS = 50;

  /** S3 endpoint and credentials (MinIO, S3Mock or AWS). */
  public record S3Settings(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
    static S3Settings from(ConfigNode n) {
      n.allowOnly(Set.of("endpoint", "region", "access_key", "secret_key", "path_style"));
      return new S3Settings(n.string("endpoint"), n.optString("region", "us-east-1"), n.optString("access_key", "fp"),
          n.optString("secret_key", "fp"), n.bool("path_style", true));
    }
  }

  public static ObjectStoreConfig from(ConfigNode n, Path runsRoot) {
    n.allowOnly(Set.of("kind", "root", "s3", "append_max_attempts", "append_backoff_ms"));
    String kind = n.oneOf("kind", "fs", Set.of("fs", "s3"));
    Path root = Path.of(n.optString("root", runsRoot.resolve("objects").toString()));
    S3Settings s3 = null;
    if (kind.equals("s3")) {
      if (!n.has("s3")) {
        throw new ConfigException(n.key("s3"), "required when kind=s3");
      }
      s3 = S3Settings.from(n.section("s3"));
    }
    return new ObjectStoreConfig(kind, root, s3,
        n.integer("append_max_attempts", DEFAULT_APPEND_MAX_ATTEMPTS, 1, 100),
        n.integer("append_backoff_ms", DEFAULT_APPEND_BACKOFF_MS, 0, 10_000));
  }
}
