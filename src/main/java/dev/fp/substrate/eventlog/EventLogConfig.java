package dev.fp.substrate.eventlog;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;

import java.nio.file.Path;
import java.util.Set;

/** {@code substrate.eventlog}: which adapter, and its settings. */
public record EventLogConfig(String kind, Path fileRoot, boolean fsync, KinesisSettings kinesis, int partitions,
                             int readBatchMax) {
  public static final int DEFAULT_READ_BATCH_MAX = 500;

  /** Kinesis endpoint and client quirks (kinesalite: HTTP/1.1 and no CBOR). */
  public record KinesisSettings(String endpoint, String region, String accessKey, String secretKey, boolean http1,
                                boolean cbor) {
    static KinesisSettings from(ConfigNode n) {
      n.allowOnly(Set.of("endpoint", "region", "access_key", "secret_key", "http1", "cbor"));
      return new KinesisSettings(n.string("endpoint"), n.optString("region", "us-east-1"),
          n.optString("access_key", "fp"), n.optString("secret_key", "fp"), n.bool("http1", true), n.bool("cbor", false));
    }
  }

  public static EventLogConfig from(ConfigNode n, Path runsRoot) {
    n.allowOnly(Set.of("kind", "root", "fsync", "kinesis", "partitions", "read_batch_max"));
    String kind = n.oneOf("kind", "file", Set.of("file", "kinesis"));
    KinesisSettings kinesis = null;
    if (kind.equals("kinesis")) {
      if (!n.has("kinesis")) {
        throw new ConfigException(n.key("kinesis"), "required when kind=kinesis");
      }
      kinesis = KinesisSettings.from(n.section("kinesis"));
    }
    return new EventLogConfig(kind, Path.of(n.optString("root", runsRoot.resolve("bus").toString())),
        n.bool("fsync", true), kinesis, n.integer("partitions", 1, 1, 64),
        n.integer("read_batch_max", DEFAULT_READ_BATCH_MAX, 1, 10_000));
  }
}
