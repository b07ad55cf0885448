package dev.fp.substrate.eventlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Maps a partition key to a partition the way Kinesis maps it to a shard of evenly split hash-key ranges: MD5 of the
 * UTF-8 key read as an unsigned number, split into {@code partitions} equal ranges (computed on its top 32 bits). It
 * depends on nothing JVM-specific, so every process and version agrees on it.
 */
final class KeyPartitioner {
  private KeyPartitioner() {
  }

  static int partition(String key, int partitions) {
    if (partitions == 1) {
      java.util.Objects.requireNonNull(key, "partition key");
      return 0; // the embedded default: no digest per published record
    }
    byte[] h = md5().digest(key.getBytes(StandardCharsets.UTF_8));
    long top = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
    return (int) ((top * partitions) >>> 32);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }
}
