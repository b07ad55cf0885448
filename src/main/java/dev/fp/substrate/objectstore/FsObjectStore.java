package dev.fp.substrate.objectstore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Embedded adapter: objects are files {@code <root>/<bucket>/<key>}; ETags are content SHA-256 ({@link FsEtags}).
 *
 * <p>All file I/O runs on the worker pool {@code fp-objectstore-fs}, never on an event loop. Writes stage a temp file
 * and publish it atomically ({@link FsWrites}); replacing writes and deletes hold the object's cross-process lock
 * ({@link FsLocks}), so {@code putIfMatch}'s check-and-rename is atomic against every other writer, in this process or
 * another; {@code putIfAbsent} publishes by hard link, atomic without the lock. Appends follow the S3 protocol
 * ({@link AppendLoop}). On start-up a sweep removes temp files of crashed processes.
 *
 * <p>File system limits: a key cannot also be a prefix of other keys ({@code a} and {@code a/b}); such a write fails
 * with an {@link ObjectStoreException}. Deleting objects leaves their (empty) directories in place.
 */
final class FsObjectStore implements ConditionalStore {
  private static final String POOL = "fp-objectstore-fs";
  private static final int POOL_SIZE = 16;
  private final FsLayout layout;
  private final FsLocks locks;
  private final FsEtags etags = new FsEtags();
  private final FsWrites writes = new FsWrites(etags);
  private final FsReads reads = new FsReads(etags);
  private final AppendLoop appends;
  private final WorkerExecutor workers;
  private final Future<Integer> sweep;

  private interface Io<T> {
    T run() throws IOException;
  }

  FsObjectStore(Vertx vertx, Path root, AppendLoop appends) {
    this.layout = new FsLayout(root);
    this.locks = new FsLocks(root);
    this.appends = appends;
    this.workers = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
    this.sweep = io("sweep", layout.root().toString(), "", layout::sweepAbandonedTemps);
  }

  /** The start-up sweep of abandoned temp files: how many it removed. */
  Future<Integer> startupSweep() {
    return sweep;
  }

  @Override
  public Future<Void> ensureBucket(String bucket) {
    return io("ensureBucket", bucket, "", () -> {
      ObjectKeys.checkBucket("ensureBucket", bucket);
      Files.createDirectories(layout.root());
      layout.ensureDirs(layout.root(), layout.bucketDir(bucket));
      return null;
    });
  }

  @Override
  public Future<Boolean> bucketExists(String bucket) {
    return io("bucketExists", bucket, "", () -> {
      ObjectKeys.checkBucket("bucketExists", bucket);
      return Files.isDirectory(layout.bucketDir(bucket));
    });
  }

  @Override
  public Future<ObjectMeta> put(String bucket, String key, Buffer data) {
    return io("put", bucket, key, () -> replace("put", bucket, key, data, null));
  }

  @Override
  public Future<ObjectMeta> putIfAbsent(String bucket, String key, Buffer data) {
    return io("putIfAbsent", bucket, key, () -> {
      Path target = writableTarget("putIfAbsent", bucket, key);
      FsWrites.Staged staged = writes.stage(target.getParent(), data);
      try {
        if (!writes.linkIfAbsent(staged, target)) {
          throw new ConditionFailedException("putIfAbsent", bucket, key, "object already exists");
        }
        return meta(bucket, key, staged);
      } finally {
        LocalFiles.deleteQuietly(staged.temp());
      }
    });
  }

  @Override
  public Future<ObjectMeta> putIfMatch(String bucket, String key, Buffer data, String etag) {
    Objects.requireNonNull(etag, "etag");
    return io("putIfMatch", bucket, key, () -> replace("putIfMatch", bucket, key, data, etag));
  }

  @Override
  public Future<ObjectMeta> append(String bucket, String key, Buffer data) {
    return appends.append(this, bucket, key, data);
  }

  @Override
  public Future<Optional<VersionedObject>> getVersioned(String bucket, String key) {
    return io("get", bucket, key, () -> read("get", bucket, key)
        .map(bytes -> new VersionedObject(Buffer.buffer(bytes), FsEtags.of(bytes))));
  }

  @Override
  public Future<Buffer> get(String bucket, String key) {
    return io("get", bucket, key, () -> read("get", bucket, key)
        .map(Buffer::buffer)
        .orElseThrow(() -> new NoSuchObjectException("get", bucket, key)));
  }

  @Override
  public Future<Buffer> getRange(String bucket, String key, long offset, int length) {
    return io("getRange", bucket, key, () -> {
      if (offset < 0 || length < 0) {
        throw new ObjectStoreException("getRange", bucket, key, "negative offset or length", null);
      }
      try (FileChannel ch = openObject("getRange", bucket, key)) {
        return Buffer.buffer(FsReads.range(ch, offset, length));
      }
    });
  }

  @Override
  public Future<Optional<ObjectMeta>> head(String bucket, String key) {
    return io("head", bucket, key, () -> {
      ObjectKeys.checkKey("head", bucket, key);
      return reads.meta(bucket, key, layout.object(bucket, key));
    });
  }

  @Override
  public Future<List<ObjectMeta>> list(String bucket, String prefix) {
    return io("list", bucket, prefix, () -> {
      ObjectKeys.checkPrefix("list", bucket, prefix);
      requireBucket("list", bucket, prefix);
      List<ObjectMeta> metas = new ArrayList<>();
      for (String key : layout.keys(bucket, prefix)) {
        reads.meta(bucket, key, layout.object(bucket, key)).ifPresent(metas::add);
      }
      return metas;
    });
  }

  @Override
  public Future<ObjectMeta> putFile(String bucket, String key, Path file) {
    return io("putFile", bucket, key, () -> {
      Path target = writableTarget("putFile", bucket, key);
      FsWrites.Staged staged = writes.stage(target.getParent(), file);
      return publish(bucket, key, staged, target, null);
    });
  }

  @Override
  public Future<Void> getToFile(String bucket, String key, Path file) {
    return io("getToFile", bucket, key, () -> {
      try (FileChannel in = openObject("getToFile", bucket, key)) {
        LocalFiles.replaceWith(file.toAbsolutePath(), in);
      }
      return null;
    });
  }

  @Override
  public Future<Void> delete(String bucket, String key) {
    return io("delete", bucket, key, () -> {
      ObjectKeys.checkKey("delete", bucket, key);
      requireBucket("delete", bucket, key);
      deleteObject(bucket, key);
      return null;
    });
  }

  @Override
  public Future<Integer> deletePrefix(String bucket, String prefix) {
    return io("deletePrefix", bucket, prefix, () -> {
      ObjectKeys.checkPrefix("deletePrefix", bucket, prefix);
      requireBucket("deletePrefix", bucket, prefix);
      int deleted = 0;
      for (String key : layout.keys(bucket, prefix)) {
        deleted += deleteObject(bucket, key) ? 1 : 0;
      }
      return deleted;
    });
  }

  @Override
  public String uri(String bucket, String key) {
    return layout.bucketDir(bucket) + "/" + key;
  }

  @Override
  public Future<Void> close() {
    return sweep.<Void>transform(done -> workers.close());
  }

  /** put (etag null) or putIfMatch: stage outside the lock, then check and rename under it. */
  private ObjectMeta replace(String op, String bucket, String key, Buffer data, String etag) throws IOException {
    Path target = writableTarget(op, bucket, key);
    return publish(bucket, key, writes.stage(target.getParent(), data), target, etag);
  }

  private ObjectMeta publish(String bucket, String key, FsWrites.Staged staged, Path target, String etag)
      throws IOException {
    try {
      return locks.withLock(bucket, key, () -> {
        if (etag != null) {
          checkEtag(bucket, key, target, etag);
        }
        LocalFiles.moveIntoPlace(staged.temp(), target);
        return meta(bucket, key, staged);
      });
    } finally {
      LocalFiles.deleteQuietly(staged.temp());
    }
  }

  private void checkEtag(String bucket, String key, Path target, String expected) throws IOException {
    Optional<String> current = reads.etag(target);
    if (current.isEmpty()) {
      throw new ConditionFailedException("putIfMatch", bucket, key, "object does not exist");
    }
    if (!current.get().equals(expected)) {
      throw new ConditionFailedException("putIfMatch", bucket, key,
          "etag " + expected + " does not match current " + current.get());
    }
  }

  private boolean deleteObject(String bucket, String key) throws IOException {
    Path target = layout.object(bucket, key);
    return locks.withLock(bucket, key, () -> {
      if (!Files.isRegularFile(target) || !Files.deleteIfExists(target)) {
        return false;
      }
      LocalFiles.fsyncDir(target.getParent());
      return true;
    });
  }

  private Path writableTarget(String op, String bucket, String key) throws IOException {
    ObjectKeys.checkKey(op, bucket, key);
    requireBucket(op, bucket, key);
    Path target = layout.object(bucket, key);
    layout.ensureDirs(layout.bucketDir(bucket), target.getParent());
    return target;
  }

  private void requireBucket(String op, String bucket, String key) {
    if (!Files.isDirectory(layout.bucketDir(bucket))) {
      throw new NoSuchObjectException(op, bucket, key);
    }
  }

  private Optional<byte[]> read(String op, String bucket, String key) throws IOException {
    ObjectKeys.checkKey(op, bucket, key);
    return reads.read(layout.object(bucket, key));
  }

  private FileChannel openObject(String op, String bucket, String key) throws IOException {
    ObjectKeys.checkKey(op, bucket, key);
    return reads.open(layout.object(bucket, key)).orElseThrow(() -> new NoSuchObjectException(op, bucket, key));
  }

  private static ObjectMeta meta(String bucket, String key, FsWrites.Staged staged) {
    return new ObjectMeta(bucket, key, staged.size(), staged.etag(), staged.lastModified());
  }

  /** Runs blocking file work on the worker pool (unordered); I/O errors become {@link ObjectStoreException}s. */
  private <T> Future<T> io(String op, String bucket, String key, Io<T> action) {
    return workers.executeBlocking(() -> {
      try {
        return action.run();
      } catch (IOException e) {
        throw new ObjectStoreException(op, bucket, key, e.toString(), e);
      }
    }, false);
  }
}
