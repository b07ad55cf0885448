package dev.fp.control.wsp;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.core.RunFacts;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads SR's run facts view named by a READY's {@code facts_view_ref} (control_ingress §4.1 step 3): an
 * {@code s3://bucket/key} URI, an absolute local path, or a key relative to the {@code fraud-platform} bucket.
 * Missing, unreadable or invalid facts fail with {@code RUN_FACTS_INVALID}.
 */
final class FactsReader {
  private final Vertx vertx;
  private final ObjectStore store;

  FactsReader(Vertx vertx, ObjectStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  Future<RunFacts> read(String ref) {
    return bytes(ref)
        .recover(err -> Future.failedFuture(new WspFailure("RUN_FACTS_INVALID", ref + ": " + err.getMessage(), err)))
        .map(bytes -> RunFacts.parse(JsonDoc.parse(bytes.getBytes()).orElseThrow(() ->
            new WspFailure("RUN_FACTS_INVALID", ref + " is not a JSON object")), ref));
  }

  private Future<Buffer> bytes(String ref) {
    if (ref.startsWith("s3://")) {
      String rest = ref.substring(5);
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        return Future.failedFuture(new IllegalArgumentException("no key in " + ref));
      }
      return store.get(rest.substring(0, slash), rest.substring(slash + 1));
    }
    if (ref.startsWith("/")) {
      return vertx.executeBlocking(() -> Buffer.buffer(Files.readAllBytes(Path.of(ref))));
    }
    return store.get(WspRunOptions.BUCKET, ref);
  }
}
