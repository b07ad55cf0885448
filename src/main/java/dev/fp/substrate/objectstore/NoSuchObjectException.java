package dev.fp.substrate.objectstore;

/** The object (or bucket) does not exist. */
public class NoSuchObjectException extends ObjectStoreException {
  public NoSuchObjectException(String op, String bucket, String key) {
    super(op, bucket, key, "no such object", null);
  }
}
