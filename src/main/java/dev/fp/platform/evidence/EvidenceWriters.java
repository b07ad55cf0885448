package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Vertx;

/** Builds the {@link EvidenceWriter} of a layout; the only place that names one. */
public final class EvidenceWriters {
  private EvidenceWriters() {
  }

  /** Call on the Vert.x context that will use the writer (segment buffers live there). */
  public static EvidenceWriter create(Vertx vertx, ObjectStore store, Db db, EvidenceSettings settings) {
    return create(vertx, store, db, settings, IndexTransactions.of(db));
  }

  /** As {@link #create(Vertx, ObjectStore, Db, EvidenceSettings)}, committing segment index rows through {@code tx}. */
  public static EvidenceWriter create(Vertx vertx, ObjectStore store, Db db, EvidenceSettings settings,
                                      IndexTransactions tx) {
    return switch (settings.layout()) {
      case OBJECT -> new ObjectEvidenceWriter(vertx, store, settings.bucket(), settings.objectConcurrency());
      case SEGMENT -> new SegmentEvidenceWriter(vertx, store, new EvidenceIndex(db, tx), settings);
    };
  }
}
