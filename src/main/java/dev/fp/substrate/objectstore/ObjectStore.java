package dev.fp.substrate.objectstore;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The object-store port: buckets of immutable-by-convention objects addressed by key.
 *
 * <p>Adapters: {@code FsObjectStore} (directory tree, embedded profile) and {@code S3ObjectStore} (S3 API, parity).
 * Components never name an adapter; {@link ObjectStores#create} picks one from the profile.
 *
 * <p>Failure causes callers act on are typed: {@link NoSuchObjectException}, {@link ConditionFailedException}
 * (put-if-absent found an object, or an ETag no longer matches) and {@link AppendConflictException}
 * ({@code S3_APPEND_CONFLICT}). Every other failure is an {@link ObjectStoreException} naming operation and key.
 * No reader ever sees a partially written object.
 */
public interface ObjectStore {

  /** Creates the bucket if it does not exist; idempotent. */
  Future<Void> ensureBucket(String bucket);

  Future<Boolean> bucketExists(String bucket);

  /** Writes (or replaces) an object atomically. */
  Future<ObjectMeta> put(String bucket, String key, Buffer data);

  /** Creates the object only if no object exists at the key; otherwise fails with {@link ConditionFailedException}. */
  Future<ObjectMeta> putIfAbsent(String bucket, String key, Buffer data);

  /**
   * Replaces the object only if its current ETag equals {@code etag}; otherwise (or when it does not exist) fails
   * with {@link ConditionFailedException}.
   */
  Future<ObjectMeta> putIfMatch(String bucket, String key, Buffer data, String etag);

  /**
   * Appends {@code data} to the object (creating it when absent) as read + conditional write, retried a bounded
   * number of times; concurrent appenders never lose each other's data. Fails with {@link AppendConflictException}
   * when every attempt lost the race.
   */
  Future<ObjectMeta> append(String bucket, String key, Buffer data);

  /** The whole object; fails with {@link NoSuchObjectException} when absent. */
  Future<Buffer> get(String bucket, String key);

  /** Bytes [offset, offset+length) of the object (fewer at its end); for seekable readers such as Parquet. */
  Future<Buffer> getRange(String bucket, String key, long offset, int length);

  /** Metadata, or empty when the object does not exist. */
  Future<Optional<ObjectMeta>> head(String bucket, String key);

  /** Every object whose key starts with {@code prefix}, sorted by key. */
  Future<List<ObjectMeta>> list(String bucket, String prefix);

  /** Uploads a local file (streamed; large files are not held in memory). */
  Future<ObjectMeta> putFile(String bucket, String key, Path file);

  /** Downloads an object to a local file (streamed), replacing the file atomically. */
  Future<Void> getToFile(String bucket, String key, Path file);

  /** Deletes one object; deleting an absent object succeeds. */
  Future<Void> delete(String bucket, String key);

  /** Deletes every object under the prefix; returns how many were deleted. */
  Future<Integer> deletePrefix(String bucket, String prefix);

  /** A human-readable location for an object, e.g. {@code s3://bucket/key} or a file path, for logs and refs. */
  String uri(String bucket, String key);

  Future<Void> close();
}
