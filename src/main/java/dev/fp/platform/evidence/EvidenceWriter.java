package dev.fp.platform.evidence;

import io.vertx.core.Future;

import java.util.Map;
import java.util.Optional;

/**
 * Writes write-once evidence records (JSON objects, stored as canonical JSON lines) under object-store prefixes such
 * as {@code <platform_run_id>/ig/receipts}, in one of two {@link EvidenceLayout layouts}; reads them back by id the
 * same way for both. Built by {@link EvidenceWriters#create}.
 *
 * <p>Idempotency: writing a record whose id exists with identical content succeeds with {@code created=false};
 * different content fails with {@link EvidenceDriftException} and leaves the stored record unchanged. A write's
 * future completes only once the record is durable (for segments: after the flush holding it, segment object and
 * index row both written). Other failures are the object store's or the StateStore's, naming the prefix. Use one
 * writer from the Vert.x context that created it.
 */
public interface EvidenceWriter {

  /**
   * Writes {@code record} as {@code id} under {@code prefix} (no leading or trailing slash; ids are
   * {@code [A-Za-z0-9._:=-]+}, e.g. {@code offset=12}; AW names its records so).
   */
  Future<EvidenceRef> write(String prefix, String id, Map<String, ?> record);

  /** The record, or empty when no durable record has this id. */
  Future<Optional<Map<String, Object>>> read(String prefix, String id);

  /** Where the durable record with this id is, or empty. */
  Future<Optional<String>> locate(String prefix, String id);

  /** Starts writing whatever is pending now; completes when those records are settled (written or failed). */
  Future<Void> flush();

  EvidenceLayout layout();

  /** Flushes pending records and stops timers; the writer accepts no writes afterwards. */
  Future<Void> close();
}
