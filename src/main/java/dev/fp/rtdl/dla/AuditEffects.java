package dev.fp.rtdl.dla;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Topics;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.rtdl.dla.core.AuditWrite;
import dev.fp.rtdl.dla.store.DlaTables;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.OutRecord;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch's audit records through the EvidenceWriter (write-once by audit id: the same record again is a
 * no-op) and then publishes them on {@code fp.bus.audit.v1}, before the shell commits the chains. DLA is the audit
 * topic's only writer (ARCHITECTURE §6) and the log has no idempotent append, so a crash between the publish and the
 * commit republishes the same audit events — same {@code event_id} (= audit_id), same bytes — on replay: the audit
 * topic is at-least-once, keyed for consumers to dedupe; the evidence records are exactly once.
 */
final class AuditEffects implements EffectRunner<AuditWrite> {
  private final EvidenceWriter writer;
  private final EventLog log;

  AuditEffects(EvidenceWriter writer, EventLog log) {
    this.writer = writer;
    this.log = log;
  }

  @Override
  public Future<Void> run(List<AuditWrite> writes, BatchWrites batch) {
    if (writes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<?>> all = new ArrayList<>(writes.size());
    for (AuditWrite w : writes) {
      all.add(writer.write(w.prefix(), w.auditId(), w.record()));
    }
    writer.flush();
    return Future.all(all).compose(v -> {
      List<OutRecord> records = new ArrayList<>(writes.size());
      writes.forEach(w -> records.add(OutRecord.json(w.auditId(), CanonicalJson.write(w.envelope()))));
      return log.publish(Topics.AUDIT, records);
    }).map(refs -> {
      EbRef last = refs.get(refs.size() - 1);
      AuditWrite w = writes.get(writes.size() - 1);
      batch.put(DlaTables.AUDIT_REFS, String.valueOf(w.envelope().get("platform_run_id")),
          new DlaTables.AuditRef(last.topic(), last.partition(), last.offset(), w.auditId()));
      return null;
    });
  }
}
