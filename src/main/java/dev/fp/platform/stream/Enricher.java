package dev.fp.platform.stream;

import dev.fp.platform.stream.core.BatchReads;
import dev.fp.platform.stream.core.StreamRecord;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * The asynchronous step of a batch between prefetch and apply: fetches what the pure core needs from outside its own
 * state — queries to other components over the event bus (rtdl_design §2), the wall clock — and attaches it per
 * record; {@code apply} reads it with {@code ProcessorContext.enrichment(record)}. Runs on the shell's context, once
 * per batch (ask for every record at once: batched queries), and must not block it. A failed future re-delivers the
 * batch like any other failure. What it attaches is not stored: a core that must decide the same way on replay
 * stores its decision (a ledger) and reads it back through {@code prefetch}.
 */
@FunctionalInterface
public interface Enricher {

  /**
   * @param records the batch's accepted records, in log order per partition
   * @param reads   the batch's prefetched state (e.g. to skip records a ledger already settled)
   * @return what to attach, by record (the same instances as {@code records}); records left out get null
   */
  Future<Map<StreamRecord, Object>> enrich(List<StreamRecord> records, BatchReads reads);

  /** For components whose core needs nothing beyond its own state. */
  static Enricher none() {
    return (records, reads) -> Future.succeededFuture(Map.of());
  }
}
