package dev.fp.substrate.objectstore;

/** {@code S3_APPEND_CONFLICT}: every bounded append attempt lost to a concurrent writer. */
public class AppendConflictException extends ObjectStoreException {
  public static final String CODE = "S3_APPEND_CONFLICT";

  public AppendConflictException(String bucket, String key, int attempts) {
    super("append", bucket, key, CODE + " after " + attempts + " attempts", null);
  }
}
