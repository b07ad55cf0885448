package dev.fp.control.sr;

import dev.fp.contract.JsonDoc;
import dev.fp.control.sr.core.Drift;
import dev.fp.control.sr.core.RunRecordEvent;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.control.sr.core.SrKeys;
import dev.fp.substrate.objectstore.AppendConflictException;
import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SR's objects in bucket {@code fraud-platform} under {@code <platform_run_id>/sr/} (control_ingress §3.5), in the
 * object-store form (canonical JSON + newline).
 *
 * <p>{@link #writeOnce} is put-if-absent; when the object exists it is read back and compared field by field
 * (ignoring the artifact's volatile fields): equal ⇒ the stored artifact is returned and used from then on, so a
 * re-submission reproduces the first run's bytes; different ⇒ the artifact's drift code. {@link #record} appends a
 * run-record line unless a line with the same event_id is already there (event ids exclude timestamps, so a
 * re-submission records each fact once); a lost append race surfaces as {@code S3_APPEND_CONFLICT}.
 */
final class SrArtifacts {
  private final ObjectStore store;
  private final SrKeys keys;

  SrArtifacts(ObjectStore store, SrKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  SrKeys keys() {
    return keys;
  }

  String uri(String key) {
    return store.uri(SrKeys.BUCKET, key);
  }

  Future<Map<String, Object>> writeOnce(String key, Map<String, Object> doc, Set<String> volatileFields,
                                        String driftCode) {
    return store.putIfAbsent(SrKeys.BUCKET, key, Buffer.buffer(JsonDoc.write(doc))).map(meta -> doc)
        .recover(err -> err instanceof ConditionFailedException
            ? read(key).map(stored -> compare(key, stored.orElse(Map.of()), doc, volatileFields, driftCode))
            : Future.failedFuture(err));
  }

  private Map<String, Object> compare(String key, Map<String, Object> stored, Map<String, Object> doc,
                                      Set<String> volatileFields, String driftCode) {
    List<String> diff = Drift.fields(stored, doc, volatileFields);
    if (!diff.isEmpty()) {
      throw SrException.check(driftCode, uri(key) + " already exists and differs on " + diff,
          "the evidence or request changed under the same equivalence key: submit with a new --equivalence-key");
    }
    return stored;
  }

  /** A stored JSON artifact, or empty when absent; an unreadable one reads as an empty object (so it drifts). */
  Future<Optional<Map<String, Object>>> read(String key) {
    return store.get(SrKeys.BUCKET, key)
        .map(buf -> Optional.of(JsonDoc.parse(buf.getBytes()).orElse(Map.of())))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(err));
  }

  Future<Void> put(String key, Map<String, Object> doc) {
    return store.put(SrKeys.BUCKET, key, Buffer.buffer(JsonDoc.write(doc))).mapEmpty();
  }

  /** Creates the object if absent; an existing one is kept as it is (first evidence wins). */
  Future<Void> putIfAbsent(String key, Map<String, Object> doc) {
    return store.putIfAbsent(SrKeys.BUCKET, key, Buffer.buffer(JsonDoc.write(doc))).<Void>mapEmpty()
        .recover(err -> err instanceof ConditionFailedException ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** Appends the event unless already recorded; true when a line was appended. */
  Future<Boolean> record(RunRecordEvent event) {
    return store.get(SrKeys.BUCKET, keys.record())
        .map(buf -> buf.toString(StandardCharsets.UTF_8).contains("\"event_id\":\"" + event.eventId() + "\""))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(false) : Future.failedFuture(err))
        .compose(seen -> seen ? Future.succeededFuture(false) : store.append(SrKeys.BUCKET, keys.record(),
            Buffer.buffer(event.line())).map(meta -> true))
        .recover(err -> Future.failedFuture(err instanceof AppendConflictException
            ? SrException.check(SrCodes.S3_APPEND_CONFLICT, "append to " + uri(keys.record()) + ": " + err.getMessage(),
            "another writer is appending to the run record; retry the submission") : err));
  }
}
