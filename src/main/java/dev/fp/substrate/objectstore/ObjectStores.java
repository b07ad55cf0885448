package dev.fp.substrate.objectstore;

import dev.fp.config.ConfigException;
import io.vertx.core.Vertx;

/** Builds the configured {@link ObjectStore} adapter; the only place that names one. */
public final class ObjectStores {

  private ObjectStores() {
  }

  /**
   * {@code kind=fs}: the embedded directory tree under {@code fsRoot}; {@code kind=s3}: the S3 API at the configured
   * endpoint. Creation does no I/O; the caller owns the store and must {@link ObjectStore#close()} it.
   *
   * @throws ConfigException for an unknown kind
   */
  public static ObjectStore create(Vertx vertx, ObjectStoreConfig config) {
    AppendLoop appends = new AppendLoop(vertx, config.appendMaxAttempts(), config.appendBackoffMs());
    return switch (config.kind()) {
      case "fs" -> new FsObjectStore(vertx, config.fsRoot(), appends);
      case "s3" -> new S3ObjectStore(vertx, S3Clients.create(config.s3()), appends, S3ObjectStore.Tuning.DEFAULTS);
      default -> throw new ConfigException("substrate.objectstore.kind", "unknown adapter '" + config.kind() + "'");
    };
  }
}
