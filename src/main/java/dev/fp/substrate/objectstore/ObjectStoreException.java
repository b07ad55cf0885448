package dev.fp.substrate.objectstore;

/** An object-store failure, carrying the operation and the object it concerned. */
public class ObjectStoreException extends RuntimeException {
  private final String op;
  private final String bucket;
  private final String key;

  public ObjectStoreException(String op, String bucket, String key, String message, Throwable cause) {
    super(op + " " + bucket + "/" + key + ": " + message, cause);
    this.op = op;
    this.bucket = bucket;
    this.key = key;
  }

  public String op() { return op; }
  public String bucket() { return bucket; }
  public String key() { return key; }
}
