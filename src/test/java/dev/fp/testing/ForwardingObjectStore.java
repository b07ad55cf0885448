package dev.fp.testing;

import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fault-injecting decorator of the object-store port: every call goes to the real store, and {@link #afterPut}
 * runs after a put-if-absent of a matching key was applied (an "applied, then something happened" fault).
 */
public final class ForwardingObjectStore implements ObjectStore {
  private final ObjectStore d;
  private final String keyPart;
  private final Function<String, Future<Void>> afterPut;

  public ForwardingObjectStore(ObjectStore delegate, String keyPart, Function<String, Future<Void>> afterPut) {
    this.d = delegate;
    this.keyPart = keyPart;
    this.afterPut = afterPut;
  }

  @Override
  public Future<ObjectMeta> putIfAbsent(String bucket, String key, Buffer data) {
    Future<ObjectMeta> put = d.putIfAbsent(bucket, key, data);
    return key.contains(keyPart) ? put.compose(meta -> afterPut.apply(key).map(meta)) : put;
  }

  @Override
  public Future<Void> ensureBucket(String bucket) { return d.ensureBucket(bucket); }

  @Override
  public Future<Boolean> bucketExists(String bucket) { return d.bucketExists(bucket); }

  @Override
  public Future<ObjectMeta> put(String bucket, String key, Buffer data) { return d.put(bucket, key, data); }

  @Override
  public Future<ObjectMeta> putIfMatch(String bucket, String key, Buffer data, String etag) {
    return d.putIfMatch(bucket, key, data, etag);
  }

  @Override
  public Future<ObjectMeta> append(String bucket, String key, Buffer data) { return d.append(bucket, key, data); }

  @Override
  public Future<Buffer> get(String bucket, String key) { return d.get(bucket, key); }

  @Override
  public Future<Buffer> getRange(String bucket, String key, long offset, int length) {
    return d.getRange(bucket, key, offset, length);
  }

  @Override
  public Future<Optional<ObjectMeta>> head(String bucket, String key) { return d.head(bucket, key); }

  @Override
  public Future<List<ObjectMeta>> list(String bucket, String prefix) { return d.list(bucket, prefix); }

  @Override
  public Future<ObjectMeta> putFile(String bucket, String key, Path file) { return d.putFile(bucket, key, file); }

  @Override
  public Future<Void> getToFile(String bucket, String key, Path file) { return d.getToFile(bucket, key, file); }

  @Override
  public Future<Void> delete(String bucket, String key) { return d.delete(bucket, key); }

  @Override
  public Future<Integer> deletePrefix(String bucket, String prefix) { return d.deletePrefix(bucket, prefix); }

  @Override
  public String uri(String bucket, String key) { return d.uri(bucket, key); }

  @Override
  public Future<Void> close() { return d.close(); }
}
