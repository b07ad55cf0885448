package dev.fp.ingress.ig;

import dev.fp.contract.EnvelopeFields;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.QuarantineRecords;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.platform.evidence.EvidenceDriftException;
import dev.fp.platform.evidence.EvidenceRef;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The evidence step of a cycle, in two rounds because a QUARANTINE receipt names its quarantine record's ref: first
 * ADMIT and DUPLICATE receipts and quarantine records, then QUARANTINE receipts (and DUPLICATE receipts whose ADMIT
 * receipt had to be back-filled). Evidence is first-write-wins: an existing record with other content (a later
 * quarantine reason, another actor's duplicate receipt) keeps its place and its ref is used. A failed write — or a
 * record that cannot be built or encoded — marks that envelope failed (answered 500; a failed write also counts
 * against object-store health); the other envelopes of the cycle go on.
 */
final class CycleEvidence {
  private static final Logger LOG = Logging.component("ig_service");
  static final String RECEIPT_WRITE_FAILED = "RECEIPT_WRITE_FAILED";
  private final IgParts p;
  private final List<Work> works;

  CycleEvidence(IgParts p, List<Work> works) {
    this.p = p;
    this.works = works;
  }

  Future<Void> write() {
    List<Future<Void>> first = new ArrayList<>();
    for (Work w : works) {
      if (w.early != null || w.decision == null) {
        continue;
      }
      if (w.published()) {
        first.add(guarded(w, () -> receipt(w, p.receipts().admit(w.candidate, w.eb, w.admittedAtUtc, w.item.actor()))));
      } else if (Receipts.DUPLICATE.equals(w.decision)) {
        first.add(guarded(w, () -> w.existing.receiptRef() == null ? backfill(w) : duplicate(w, w.existing)));
      } else if (w.isQuarantine()) {
        first.add(guarded(w, () -> quarantineRecord(w)));
      }
    }
    p.evidence().flush();
    return Future.join(first).transform(ar -> secondRound());
  }

  /**
   * The evidence step broke as a whole (not one write, which {@link #write} handles): every envelope still without
   * its evidence is marked failed, so it is answered 500 and its claimed row is settled without a receipt.
   */
  Future<Void> broke(Throwable err) {
    for (Work w : works) {
      boolean missing = w.published() || w.isQuarantine() || Receipts.DUPLICATE.equals(w.decision);
      if (w.early == null && w.failure == null && missing && w.receiptRef == null) {
        w.failure = RECEIPT_WRITE_FAILED;
      }
    }
    return Future.succeededFuture();
  }

  private Future<Void> secondRound() {
    List<Future<Void>> second = new ArrayList<>();
    for (Work w : works) {
      if (w.failure != null || w.early != null) {
        continue;
      }
      if (w.isQuarantine() && w.quarantineRef != null) {
        String key = w.candidate == null ? null : w.candidate.dedupeKey();
        second.add(guarded(w, () -> receipt(w, p.receipts().quarantine(w.envelope(), w.eventClass(), key, w.reason,
            w.quarantineRef, w.item.actor()))));
      } else if (w.backfillRef != null) {
        second.add(guarded(w, () -> duplicate(w, w.existing.withReceipt(w.backfillReceipt.get("receipt_id").toString(),
            w.backfillRef))));
      }
    }
    if (second.isEmpty()) {
      return Future.succeededFuture();
    }
    p.evidence().flush();
    return Future.join(second).transform(ar -> Future.succeededFuture());
  }

  /** Builds and writes one envelope's evidence; a throw while building or encoding it fails only that envelope. */
  private Future<Void> guarded(Work w, Supplier<Future<Void>> build) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      w.failure = RECEIPT_WRITE_FAILED;
      LOG.error("IG evidence for event_id {} could not be built or encoded", w.envelope().get(EnvelopeFields.EVENT_ID), e);
      return Future.succeededFuture();
    }
  }

  private Future<Void> duplicate(Work w, AdmissionRow row) {
    return receipt(w, p.receipts().duplicate(w.candidate, row, w.item.actor()));
  }

  /** The original ADMIT receipt was never written (receipt_write_failed): write it now from the admission row. */
  private Future<Void> backfill(Work w) {
    Map<String, Object> admit = p.receipts().admit(w.candidate, w.existing.ebRef(), w.existing.admittedAtUtc(),
        w.item.actor());
    w.backfillReceipt = admit;
    return write(w, p.receiptsPrefix(w.envelope()), admit, (work, ref) -> work.backfillRef = ref);
  }

  private Future<Void> receipt(Work w, Map<String, Object> receipt) {
    w.receipt = receipt;
    return write(w, p.receiptsPrefix(w.envelope()), receipt, (work, ref) -> work.receiptRef = ref);
  }

  private Future<Void> quarantineRecord(Work w) {
    Map<String, Object> record = p.quarantines().build(w.envelope(), w.eventClass(), w.reason, w.detail,
        dev.fp.contract.Timestamps.now(p.clock()), w.item.actor());
    w.quarantineRecord = record;
    String id = QuarantineRecords.quarantineId(w.envelope());
    return write(w, p.quarantinePrefix(w.envelope()), id, record, (work, ref) -> work.quarantineRef = ref);
  }

  private Future<Void> write(Work w, String prefix, Map<String, Object> receipt, BiConsumer<Work, String> onRef) {
    return write(w, prefix, receipt.get("receipt_id").toString(), receipt, onRef);
  }

  private Future<Void> write(Work w, String prefix, String id, Map<String, Object> record,
                             BiConsumer<Work, String> onRef) {
    return p.evidence().write(prefix, id, record).map(EvidenceRef::ref)
        .recover(err -> err instanceof EvidenceDriftException drift ? Future.succeededFuture(drift.existingRef())
            : Future.failedFuture(err))
        .<Void>map(ref -> {
          p.health().objectStoreSucceeded();
          onRef.accept(w, ref);
          return null;
        })
        .recover(err -> {
          p.health().objectStoreFailed();
          w.failure = RECEIPT_WRITE_FAILED;
          LOG.error("IG evidence write {}/{} failed for event_id {}", prefix, id,
              w.envelope().get(EnvelopeFields.EVENT_ID), err);
          return Future.succeededFuture();
        });
  }
}
