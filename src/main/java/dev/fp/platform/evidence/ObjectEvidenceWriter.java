package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EvidenceLayout#OBJECT}: one object per record at {@code <prefix>/<id>.json}, created with put-if-absent; an
 * existing object is compared byte for byte (identical = success, different = {@link EvidenceDriftException}). At
 * most {@code maxInFlight} writes run at once (the rest wait in order), so a burst never exhausts the store client's
 * connections.
 */
final class ObjectEvidenceWriter implements EvidenceWriter {
  private final ObjectStore store;
  private final String bucket;
  private final int maxInFlight;
  private final Context context;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  ObjectEvidenceWriter(Vertx vertx, ObjectStore store, String bucket, int maxInFlight) {
    this.store = store;
    this.bucket = bucket;
    this.maxInFlight = maxInFlight;
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public Future<EvidenceRef> write(String prefix, String id, Map<String, ?> record) {
    EvidenceKeys.check(prefix, id);
    byte[] bytes = EvidenceJson.line(record);
    Promise<EvidenceRef> done = Promise.promise();
    onContext(() -> {
      waiting.add(() -> put(prefix, id, bytes).onComplete(ar -> {
        inFlight--;
        done.handle(ar);
        next();
      }));
      next();
    });
    return done.future();
  }

  private void next() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      inFlight++;
      waiting.poll().run();
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private Future<EvidenceRef> put(String prefix, String id, byte[] bytes) {
    String key = EvidenceKeys.objectKey(prefix, id);
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
