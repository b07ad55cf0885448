package dev.fp.rtdl.aw.core;

import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerEntry;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.rtdl.aw.store.MismatchEntry;

import java.util.Map;
import java.util.Optional;

/**
 * The Archive Writer's core (reference rtdl §1, hazards fixed): every in-run record is observed against the ledger
 * of archived offsets — NEW (no row: record the row, archive the record), DUPLICATE (same whole-envelope payload
 * hash: count) or PAYLOAD_MISMATCH (another hash: record the observation, count; the archived record is never
 * replaced). A record without an archivable envelope is counted and passed over. Deterministic: a replay of the log
 * meets its own ledger and archives nothing twice.
 */
public final class ArchiveCore implements StreamProcessor<ArchiveWrite> {

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    keys.need(AwTables.LEDGER, ArchiveRecords.key(r));
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<ArchiveWrite> ctx) {
    ctx.count(AwCounters.SEEN, 1);
    Optional<Map<String, Object>> envelope = ArchiveRecords.archivable(r.envelope());
    if (envelope.isEmpty()) {
      ctx.count(AwCounters.INCOMPLETE, 1);
      return;
    }
    LedgerKey key = ArchiveRecords.key(r);
    String hash = ArchiveRecords.payloadHash(envelope.get());
    String eventId = String.valueOf(envelope.get().get("event_id"));
    String eventType = String.valueOf(envelope.get().get("event_type"));
    LedgerEntry archived = ctx.get(AwTables.LEDGER, key);
    if (archived == null) {
      ctx.put(AwTables.LEDGER, key, new LedgerEntry(hash, eventId, eventType));
      ctx.count(AwCounters.ARCHIVED, 1);
      ctx.emit(new ArchiveWrite(key, ArchiveRecords.prefix(key), ArchiveRecords.id(key),
          ArchiveRecords.body(r, envelope.get(), hash), hash));
    } else if (archived.payloadHash().equals(hash)) {
      ctx.count(AwCounters.DUPLICATE, 1);
    } else {
      ctx.put(AwTables.MISMATCHES, new AwTables.MismatchKey(key, hash), new MismatchEntry(key.topic(),
          key.partition(), key.offsetKind(), key.offset(), archived.payloadHash(), hash, eventId, eventType));
      ctx.count(AwCounters.MISMATCH, 1);
    }
  }
}
