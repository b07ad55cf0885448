package dev.fp.rtdl.aw;

import dev.fp.contract.Timestamps;
import dev.fp.platform.evidence.EvidenceDriftException;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.rtdl.aw.core.ArchiveWrite;
import dev.fp.rtdl.aw.core.AwCounters;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerEntry;
import dev.fp.rtdl.aw.store.MismatchEntry;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's archive records through the EvidenceWriter (write-once), stamping {@code archived_at_utc}, before
 * the shell commits the ledger. A record the archive already holds — a batch re-delivered after a crash or a failed
 * attempt, whose first write carried another {@code archived_at_utc} — is checked by payload hash: the same hash is
 * the same record (done); another hash means the log changed under an archived offset, which is recorded as a
 * payload mismatch and the stored record kept. Any other failure fails the batch, which the shell counts as a write
 * error and re-delivers: a record is never dropped.
 */
final class ArchiveEffects implements EffectRunner<ArchiveWrite> {
  static final int RECENT_REFS = 200;
  private final EvidenceWriter writer;
  private final Clock clock;
  private final ArrayDeque<String> recent = new ArrayDeque<>();

  ArchiveEffects(EvidenceWriter writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  @Override
  public Future<Void> run(List<ArchiveWrite> writes, BatchWrites batch) {
    if (writes.isEmpty()) {
      return Future.succeededFuture();
    }
    String now = Timestamps.now(clock);
    List<Future<Void>> all = new ArrayList<>(writes.size());
    for (ArchiveWrite w : writes) {
      Map<String, Object> record = new java.util.LinkedHashMap<>();
      record.put("archived_at_utc", now);
      record.putAll(w.body());
      all.add(writer.write(w.prefix(), w.id(), record).<Void>map(ref -> {
        remember(ref.ref());
        return null;
      }).recover(err -> err instanceof EvidenceDriftException drift ? settle(w, drift, batch)
          : Future.failedFuture(err)));
    }
    writer.flush();
    return Future.join(all).mapEmpty();
  }

  private Future<Void> settle(ArchiveWrite w, EvidenceDriftException drift, BatchWrites batch) {
    return writer.read(w.prefix(), w.id()).compose(found -> {
      Map<String, Object> stored = found.orElseThrow(() -> drift);
      if (w.payloadHash().equals(stored.get("payload_hash"))) {
        remember(drift.existingRef());
        return Future.succeededFuture();
      }
      String storedHash = String.valueOf(stored.get("payload_hash"));
      batch.put(AwTables.LEDGER, w.key(), new LedgerEntry(storedHash, String.valueOf(stored.get("event_id")),
          String.valueOf(stored.get("event_type"))));
      batch.put(AwTables.MISMATCHES, new AwTables.MismatchKey(w.key(), w.payloadHash()), new MismatchEntry(
          w.key().topic(), w.key().partition(), w.key().offsetKind(), w.key().offset(), storedHash, w.payloadHash(),
          String.valueOf(w.body().get("event_id")), String.valueOf(w.body().get("event_type"))));
      batch.count(AwCounters.ARCHIVED, -1);
      batch.count(AwCounters.MISMATCH, 1);
      return Future.succeededFuture();
    });
  }

  private void remember(String ref) {
    if (recent.size() == RECENT_REFS) {
      recent.removeFirst();
    }
    recent.addLast(ref);
  }

  /** The refs of the last archive records this process wrote or found, oldest first. */
  List<String> recentRefs() {
    return List.copyOf(recent);
  }
}
