package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EvidenceLayout#OBJECT}: one object per record at {@code <prefix>/<id>.json}, created with put-if-absent; an
 * existing object is compared byte for byte (identical = success, different = {@link EvidenceDriftException}).
 */
final class ObjectEvidenceWriter implements EvidenceWriter {
  private final ObjectStore store;
  private final String bucket;

  ObjectEvidenceWriter(ObjectStore store, String bucket) {
    this.store = store;
    this.bucket = bucket;
  }

  @Override
  public Future<EvidenceRef> write(String prefix, String id, Map<String, ?> record) {
    EvidenceKeys.check(prefix, id);
    String key = EvidenceKeys.objectKey(prefix, id);
    byte[] bytes = EvidenceJson.line(record);
    String ref = store.uri(bucket, key);
    return store.putIfAbsent(bucket, key, Buffer.buffer(bytes))
        .map(meta -> new EvidenceRef(id, ref, true))
        .recover(err -> err instanceof ConditionFailedException
            ? store.get(bucket, key).compose(existing -> Arrays.equals(existing.getBytes(), bytes)
                ? Future.succeededFuture(new EvidenceRef(id, ref, false))
                : Future.failedFuture(new EvidenceDriftException(prefix, id, ref)))
            : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<Map<String, Object>>> read(String prefix, String id) {
    EvidenceKeys.check(prefix, id);
    String key = EvidenceKeys.objectKey(prefix, id);
    return store.get(bucket, key)
        .map(buf -> Optional.of(EvidenceJson.parse(key, buf.getBytes(), 0, buf.length())))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(err));
  }

  @Override
  public Future<Optional<String>> locate(String prefix, String id) {
    EvidenceKeys.check(prefix, id);
    String key = EvidenceKeys.objectKey(prefix, id);
    return store.head(bucket, key).map(meta -> meta.map(m -> store.uri(bucket, key)));
  }

  @Override
  public Future<Void> flush() {
    return Future.succeededFuture();
  }

  @Override
  public EvidenceLayout layout() {
    return EvidenceLayout.OBJECT;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
