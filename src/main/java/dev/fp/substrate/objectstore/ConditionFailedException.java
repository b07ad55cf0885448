package dev.fp.substrate.objectstore;

/** A conditional write lost: put-if-absent found an object, or the ETag no longer matches. */
public class ConditionFailedException extends ObjectStoreException {
  public ConditionFailedException(String op, String bucket, String key, String message) {
    super(op, bucket, key, message, null);
  }
}
