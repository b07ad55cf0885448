package dev.fp.obsgov.report.core;

import dev.fp.contract.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The reporter lock's key and PostgreSQL advisory lock id (reference §5.1). Pure. */
public final class LockIds {
  private LockIds() {
  }

  /** {@code reporter:<platform_run_id>}. */
  public static String reporterKey(String platformRunId) {
    return "reporter:" + platformRunId;
  }

  /** The first 8 bytes of sha256(key) as a signed big-endian int64. */
  public static long advisoryLockId(String key) {
    return ByteBuffer.wrap(Hashing.sha256(key.getBytes(StandardCharsets.UTF_8))).getLong();
  }
}
