package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Builds the {@link EvidenceWriter} of a layout; the only place that names one. */
public final class EvidenceWriters {
  private EvidenceWriters() {
  }

  /**
   * Call on the Vert.x context that will use the writer (segment buffers live there). {@code state} (the substrate's
   * StateStore) holds the segment layout's index; the object layout does not touch it.
   */
  public static EvidenceWriter create(Vertx vertx, ObjectStore store, Future<StateStore> state,
                                      EvidenceSettings settings) {
    return switch (settings.layout()) {
      case OBJECT -> new ObjectEvidenceWriter(vertx, store, settings.bucket(), settings.objectConcurrency());
      case SEGMENT -> new SegmentEvidenceWriter(vertx, store, new EvidenceIndex(state), settings);
    };
  }
}
