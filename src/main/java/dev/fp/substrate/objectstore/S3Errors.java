package dev.fp.substrate.objectstore;

import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps S3 failures onto the port's typed exceptions, keeping the cause; no SDK type escapes the adapter. */
final class S3Errors {
  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int PRECONDITION_FAILED = 412;
  static final int RANGE_NOT_SATISFIABLE = 416;

  /** How one operation reads a failure. */
  interface Translator {
    ObjectStoreException translate(String op, String bucket, String key, Throwable failure);
  }

  private S3Errors() {
  }

  /**
   * 404 (NoSuchKey, NoSuchBucket) → {@link NoSuchObjectException}; 412 PreconditionFailed and 409
   * ConditionalRequestConflict → {@link ConditionFailedException}; anything else → {@link ObjectStoreException}.
   */
  static ObjectStoreException translate(String op, String bucket, String key, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ObjectStoreException known) {
      return known;
    }
    int status = status(t);
    String code = code(t);
    if (status == NOT_FOUND) {
      return new NoSuchObjectException(op, bucket, key);
    }
    if (status == PRECONDITION_FAILED || status == CONFLICT && "ConditionalRequestConflict".equals(code)) {
      return new ConditionFailedException(op, bucket, key, code + " (HTTP " + status + ")");
    }
    return new ObjectStoreException(op, bucket, key, String.valueOf(t), t);
  }

  /** As {@link #translate}, but a missing key (not a missing bucket) is a failed condition, as for putIfMatch. */
  static ObjectStoreException translateConditional(String op, String bucket, String key, Throwable failure) {
    Throwable t = unwrap(failure);
    if (status(t) == NOT_FOUND && !"NoSuchBucket".equals(code(t))) {
      return new ConditionFailedException(op, bucket, key, "object does not exist");
    }
    return translate(op, bucket, key, t);
  }

  static int status(Throwable failure) {
    return unwrap(failure) instanceof S3Exception s3 ? s3.statusCode() : 0;
  }

  static boolean hasCode(Throwable failure, String code) {
    return code.equals(code(unwrap(failure)));
  }

  private static String code(Throwable t) {
    return t instanceof S3Exception s3 && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : "";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
