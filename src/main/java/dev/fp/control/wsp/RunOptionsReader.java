package dev.fp.control.wsp;

import dev.fp.contract.WspRunOptions;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;

import java.util.Optional;

/** Reads a run's {@link WspRunOptions} record from the platform bucket. */
final class RunOptionsReader {
  private RunOptionsReader() {
  }

  /** The run's options, or empty when the supervisor wrote none; an unreadable record fails naming its key. */
  static Future<Optional<WspRunOptions>> read(ObjectStore store, String platformRunId) {
    String key = WspRunOptions.key(platformRunId);
    return store.get(WspRunOptions.BUCKET, key)
        .map(buf -> Optional.of(WspRunOptions.parse(buf.getBytes(), store.uri(WspRunOptions.BUCKET, key))))
        .recover(err -> err instanceof NoSuchObjectException ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(err));
  }
}
