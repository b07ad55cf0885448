package dev.fp.substrate.objectstore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Parity adapter: the S3 API through the AWS SDK v2 {@link S3AsyncClient} (MinIO, S3Mock or AWS).
 *
 * <p>put-if-absent is {@code PutObject} with {@code If-None-Match: *}, putIfMatch is {@code If-Match: <etag>}; a
 * lost condition (412, or 409 ConditionalRequestConflict) is a {@link ConditionFailedException}. Appends follow
 * {@link AppendLoop}. ETags are S3's, quoted as the server sends them. Files above {@code Tuning.partSize} are
 * uploaded in parts ({@link S3MultipartUpload}). SDK futures complete on the SDK's threads and are handed back on the
 * caller's Vert.x context; no SDK type crosses the port.
 *
 * <p>Caveat: the SDK retries 5xx and I/O failures; a conditional put whose first attempt was applied but whose answer
 * was lost comes back as a failed condition, so such an append can be applied twice. S3 offers no idempotency key.
 */
final class S3ObjectStore implements ConditionalStore {
  private final Vertx vertx;
  private final S3AsyncClient client;
  private final AppendLoop appends;
  private final Tuning tuning;
  private final S3Listing listing;

  /** {@code listPageSize}: keys per ListObjectsV2 page; {@code partSize}: multipart threshold and part size. */
  record Tuning(int listPageSize, long partSize) {
    static final Tuning DEFAULTS = new Tuning(S3Listing.S3_MAX_KEYS, 16L << 20);
  }

  S3ObjectStore(Vertx vertx, S3AsyncClient client, AppendLoop appends, Tuning tuning) {
    this.vertx = vertx;
    this.client = client;
    this.appends = appends;
    this.tuning = tuning;
    this.listing = new S3Listing(client, tuning.listPageSize());
  }

  @Override
  public Future<Void> ensureBucket(String bucket) {
    return call("ensureBucket", bucket, "", () -> {
      ObjectKeys.checkBucket("ensureBucket", bucket);
      return client.createBucket(b -> b.bucket(bucket)).<Void>handle((ok, err) -> {
        if (err != null && !S3Errors.hasCode(err, "BucketAlreadyOwnedByYou")) {
          throw S3Errors.translate("ensureBucket", bucket, "", err);
        }
        return null;
      });
    });
  }

  @Override
  public Future<Boolean> bucketExists(String bucket) {
    return call("bucketExists", bucket, "", () -> {
      ObjectKeys.checkBucket("bucketExists", bucket);
      return client.headBucket(b -> b.bucket(bucket)).handle((ok, err) -> {
        if (err != null && S3Errors.status(err) != S3Errors.NOT_FOUND) {
          throw S3Errors.translate("bucketExists", bucket, "", err);
        }
        return err == null;
      });
    });
  }

  @Override
  public Future<ObjectMeta> put(String bucket, String key, Buffer data) {
    return putObject("put", bucket, key, data, b -> { }, S3Errors::translate);
  }

  @Override
  public Future<ObjectMeta> putIfAbsent(String bucket, String key, Buffer data) {
    return putObject("putIfAbsent", bucket, key, data, b -> b.ifNoneMatch("*"), S3Errors::translate);
  }

  @Override
  public Future<ObjectMeta> putIfMatch(String bucket, String key, Buffer data, String etag) {
    return putObject("putIfMatch", bucket, key, data, b -> b.ifMatch(etag), S3Errors::translateConditional);
  }

  @Override
  public Future<ObjectMeta> append(String bucket, String key, Buffer data) {
    return appends.append(this, bucket, key, data);
  }

  @Override
  public Future<Optional<VersionedObject>> getVersioned(String bucket, String key) {
    return getBytes("get", bucket, key, r -> { })
        .map(rb -> Optional.of(new VersionedObject(Buffer.buffer(rb.asByteArrayUnsafe()), rb.response().eTag())))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(err));
  }

  @Override
  public Future<Buffer> get(String bucket, String key) {
    return getBytes("get", bucket, key, r -> { }).map(rb -> Buffer.buffer(rb.asByteArrayUnsafe()));
  }

  @Override
  public Future<Buffer> getRange(String bucket, String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      return Future.failedFuture(new ObjectStoreException("getRange", bucket, key, "negative offset or length", null));
    }
    if (length == 0) {
      return head(bucket, key).map(meta -> meta.map(m -> Buffer.buffer())
          .orElseThrow(() -> new NoSuchObjectException("getRange", bucket, key)));
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    return getBytes("getRange", bucket, key, r -> r.range(range))
        .map(rb -> Buffer.buffer(rb.asByteArrayUnsafe()))
        .recover(err -> isUnsatisfiableRange(err) ? Future.succeededFuture(Buffer.buffer()) : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<ObjectMeta>> head(String bucket, String key) {
    return call("head", bucket, key, () -> {
      ObjectKeys.checkKey("head", bucket, key);
      return client.headObject(b -> b.bucket(bucket).key(key)).handle((r, err) -> {
        if (err != null && S3Errors.status(err) != S3Errors.NOT_FOUND) {
          throw S3Errors.translate("head", bucket, key, err);
        }
        return err != null ? Optional.empty()
            : Optional.of(new ObjectMeta(bucket, key, r.contentLength(), r.eTag(), r.lastModified()));
      });
    });
  }

  @Override
  public Future<List<ObjectMeta>> list(String bucket, String prefix) {
    return call("list", bucket, prefix, () -> {
      ObjectKeys.checkPrefix("list", bucket, prefix);
      return listing.list(bucket, prefix).thenApply(objects -> objects.stream()
          .map(o -> new ObjectMeta(bucket, o.key(), o.size(), o.eTag(), o.lastModified()))
          .sorted((a, b) -> ObjectKeys.UTF8_ORDER.compare(a.key(), b.key()))
          .toList());
    });
  }

  @Override
  public Future<ObjectMeta> putFile(String bucket, String key, Path file) {
    return vertx.executeBlocking(() -> Files.size(file), false)
        .recover(err -> Future.failedFuture(new ObjectStoreException("putFile", bucket, key, err.toString(), err)))
        .compose(size -> call("putFile", bucket, key, () -> {
          ObjectKeys.checkKey("putFile", bucket, key);
          if (size > tuning.partSize()) {
            return new S3MultipartUpload(client, bucket, key, file, size, tuning.partSize()).run()
                .thenApply(r -> meta(bucket, key, size, r.eTag(), r));
          }
          return client.putObject(b -> b.bucket(bucket).key(key).contentLength(size), AsyncRequestBody.fromFile(file))
              .thenApply(r -> meta(bucket, key, size, r.eTag(), r));
        }));
  }

  @Override
  public Future<Void> getToFile(String bucket, String key, Path file) {
    Path target = file.toAbsolutePath();
    return vertx.executeBlocking(() -> Files.createDirectories(target.getParent()), false)
        .recover(err -> Future.failedFuture(new ObjectStoreException("getToFile", bucket, key, err.toString(), err)))
        .compose(dir -> call("getToFile", bucket, key, () -> {
          ObjectKeys.checkKey("getToFile", bucket, key);
          Path temp = LocalFiles.newTemp(dir);
          return client.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toFile(temp))
              .<Void>thenApply(r -> {
                moveIntoPlace(temp, target);
                return null;
              })
              .whenComplete((ok, err) -> LocalFiles.deleteQuietly(temp));
        }));
  }

  @Override
  public Future<Void> delete(String bucket, String key) {
    return call("delete", bucket, key, () -> {
      ObjectKeys.checkKey("delete", bucket, key);
      return client.deleteObject(b -> b.bucket(bucket).key(key)).thenApply(r -> null);
    });
  }

  @Override
  public Future<Integer> deletePrefix(String bucket, String prefix) {
    return call("deletePrefix", bucket, prefix, () -> {
      ObjectKeys.checkPrefix("deletePrefix", bucket, prefix);
      return listing.list(bucket, prefix).thenCompose(objects -> listing.delete(bucket, objects));
    });
  }

  @Override
  public String uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      client.close();
      return null;
    }, false);
  }

  private Future<ObjectMeta> putObject(String op, String bucket, String key, Buffer data,
                                       Consumer<PutObjectRequest.Builder> condition, S3Errors.Translator errors) {
    return call(op, bucket, key, errors, () -> {
      ObjectKeys.checkKey(op, bucket, key);
      byte[] bytes = data.getBytes();
      return client.putObject(b -> condition.accept(b.bucket(bucket).key(key).contentLength((long) bytes.length)),
              AsyncRequestBody.fromBytesUnsafe(bytes))
          .thenApply(r -> meta(bucket, key, bytes.length, r.eTag(), r));
    });
  }

  private Future<ResponseBytes<GetObjectResponse>> getBytes(String op, String bucket, String key,
                                                           Consumer<GetObjectRequest.Builder> options) {
    return call(op, bucket, key, () -> {
      ObjectKeys.checkKey(op, bucket, key);
      return client.getObject(b -> options.accept(b.bucket(bucket).key(key)), AsyncResponseTransformer.toBytes());
    });
  }

  private <T> Future<T> call(String op, String bucket, String key, Supplier<CompletableFuture<T>> request) {
    return call(op, bucket, key, S3Errors::translate, request);
  }

  /** Runs an SDK call, mapping failures (also ones thrown before the call); completes on the caller's context. */
  private <T> Future<T> call(String op, String bucket, String key, S3Errors.Translator errors,
                             Supplier<CompletableFuture<T>> request) {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<T> cf;
    try {
      cf = request.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(errors.translate(op, bucket, key, e));
    }
    return Future.fromCompletionStage(cf, context)
        .recover(err -> Future.failedFuture(errors.translate(op, bucket, key, err)));
  }

  private static boolean isUnsatisfiableRange(Throwable err) {
    return err instanceof ObjectStoreException e && S3Errors.status(e.getCause()) == S3Errors.RANGE_NOT_SATISFIABLE;
  }

  /**
   * Size, ETag and the server's Date as last-modified time (S3 returns no Last-Modified on writes); the local clock
   * when the answer has no readable Date, so a write that succeeded is never reported as failed.
   */
  private static ObjectMeta meta(String bucket, String key, long size, String etag, SdkResponse response) {
    return new ObjectMeta(bucket, key, size, etag, response.sdkHttpResponse().firstMatchingHeader("Date")
        .flatMap(S3ObjectStore::httpDate).orElseGet(Instant::now));
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Runs on an SDK completion thread, never on a Vert.x event loop. */
  private static void moveIntoPlace(Path temp, Path target) {
    try {
      LocalFiles.fsync(temp);
      LocalFiles.moveIntoPlace(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
