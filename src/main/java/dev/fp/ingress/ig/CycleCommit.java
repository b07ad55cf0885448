package dev.fp.ingress.ig;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.Timestamps;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.QuarantineRow;
import dev.fp.ingress.ig.store.ReceiptRow;
import dev.fp.ingress.ig.store.Settlement;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.IgTx;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit step of a cycle: one StateStore batch settles the claimed rows (ADMITTED with eb_ref and receipt ref, or
 * PUBLISH_AMBIGUOUS), back-fills receipt refs, inserts the ops index rows and adds the run counters. An ADMIT receipt
 * is indexed by its admission row (receipt_id, receipt_ref), so {@code ig_receipts} only gets DUPLICATE and
 * QUARANTINE receipts (and back-filled ADMIT ones): one random-key insert less per admitted event. It is retried
 * a few times (every statement is guarded or idempotent); if it still fails (the returned future fails) the claimed
 * rows stay in flight, are answered 500 and later swept to PUBLISH_AMBIGUOUS for an operator, never republished.
 */
final class CycleCommit {
  private static final Logger LOG = Logging.component("ig_service");
  private static final int ATTEMPTS = 3;
  private static final long BACKOFF_MS = 100;
  private final IgParts p;
  private final List<Work> works;
  private final String token;

  CycleCommit(IgParts p, List<Work> works, String token) {
    this.p = p;
    this.works = works;
    this.token = token;
  }

  Future<Void> run() {
    String now = Timestamps.now(p.clock());
    List<Settlement> settlements = new ArrayList<>();
    List<AdmissionStore.Backfill> backfills = new ArrayList<>();
    List<ReceiptRow> receipts = new ArrayList<>();
    List<QuarantineRow> quarantines = new ArrayList<>();
    Map<String, Map<String, Long>> counters = new HashMap<>();
    for (Work w : works) {
      collect(w, now, settlements, backfills, receipts, quarantines, counters);
    }
    Promise<Void> done = Promise.promise();
    attempt(1, tx -> p.admissions().settle(tx, settlements)
        .compose(v -> p.admissions().backfillReceipts(tx, backfills, now))
        .compose(v -> p.ops().insertReceipts(tx, receipts))
        .compose(v -> p.ops().insertQuarantines(tx, quarantines))
        .compose(v -> p.counters().add(tx, counters)), done);
    return done.future();
  }

  private void attempt(int n, java.util.function.Function<IgTx, Future<Void>> work, Promise<Void> done) {
    p.commits().submit("settle", work).onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete();
      } else if (n < ATTEMPTS) {
        LOG.warn("IG commit attempt {}/{} failed, retrying: {}", n, ATTEMPTS, ar.cause().getMessage());
        p.vertx().setTimer(BACKOFF_MS * n, t -> attempt(n + 1, work, done));
      } else {
        LOG.error("IG commit failed {} times; claimed rows stay PUBLISH_IN_FLIGHT until swept to PUBLISH_AMBIGUOUS",
            ATTEMPTS, ar.cause());
        done.fail(ar.cause());
      }
    });
  }

  private void collect(Work w, String now, List<Settlement> settlements, List<AdmissionStore.Backfill> backfills,
                       List<ReceiptRow> receipts, List<QuarantineRow> quarantines,
                       Map<String, Map<String, Long>> counters) {
    if (w.early != null || w.decision == null) {
      return;
    }
    if (w.claimed) {
      settlements.add(w.published()
          ? Settlement.admitted(w.candidate.platformRunId(), w.candidate.dedupeKey(), token, w.eb, w.admittedAtUtc,
              Receipts.receiptId(Receipts.ADMIT, w.candidate.eventId()), w.receiptRef, now)
          : Settlement.ambiguous(w.candidate.platformRunId(), w.candidate.dedupeKey(), token, w.detail, now));
    }
    if (w.backfillRef != null) {
      backfills.add(new AdmissionStore.Backfill(w.candidate.platformRunId(), w.candidate.dedupeKey(),
          w.backfillReceipt.get("receipt_id").toString(), w.backfillRef));
      receipts.add(receiptRow(w.backfillReceipt, w.backfillRef, now));
    }
    if (w.receiptRef != null && !w.published()) {
      receipts.add(receiptRow(w.receipt, w.receiptRef, now));
    }
    if (w.quarantineRef != null) {
      quarantines.add(quarantineRow(w, now));
    }
    count(w, counters);
  }

  private static void count(Work w, Map<String, Map<String, Long>> counters) {
    Object run = w.envelope().get(EnvelopeFields.PLATFORM_RUN_ID);
    Map<String, Long> c = counters.computeIfAbsent(run instanceof String s ? s : "", k -> new HashMap<>());
    if (w.failure != null) {
      c.merge("receipt_write_failed", 1L, Long::sum);
      return;
    }
    c.merge("decision." + w.decision, 1L, Long::sum);
    if (w.isQuarantine()) {
      c.merge("reason." + w.reason, 1L, Long::sum);
    }
    if (dev.fp.contract.ReasonCodes.PUBLISH_AMBIGUOUS.equals(w.reason)) {
      c.merge("publish_ambiguous", 1L, Long::sum);
    }
  }

  @SuppressWarnings("unchecked")
  private ReceiptRow receiptRow(Map<String, Object> r, String ref, String now) {
    Map<String, Object> eb = (Map<String, Object>) r.get("eb_ref");
    Map<String, Object> rev = (Map<String, Object>) r.get("policy_rev");
    return new ReceiptRow((String) r.get("receipt_id"), (String) r.getOrDefault("platform_run_id", ""),
        (String) r.get("event_id"), (String) r.get("event_type"), (String) r.get("event_class"),
        (String) r.get("dedupe_key"), (String) r.get("decision"), eb == null ? null : (String) eb.get("topic"),
        eb == null ? null : (Integer) eb.get("partition"), eb == null ? null : (String) eb.get("offset"),
        eb == null ? null : (String) eb.get("offset_kind"), (String) rev.get("policy_id"),
        (String) rev.get("revision"), (String) rev.get("content_digest"), now, ref,
        CanonicalJson.write(r.get("pins")), json(r.get("reason_codes")), json(r.get("evidence_refs")));
  }

  private QuarantineRow quarantineRow(Work w, String now) {
    Map<String, Object> q = w.quarantineRecord;
    Object run = w.envelope().get(EnvelopeFields.PLATFORM_RUN_ID);
    Object eventId = w.envelope().get(EnvelopeFields.EVENT_ID);
    Object eventType = w.envelope().get(EnvelopeFields.EVENT_TYPE);
    return new QuarantineRow((String) q.get("quarantine_id"), run instanceof String s ? s : "",
        eventId instanceof String s ? s : null, eventType instanceof String s ? s : null, w.eventClass(), w.reason,
        w.detail, p.receipts().policyRev().policyId(), p.receipts().policyRev().revision(),
        p.receipts().policyRev().contentDigest(), now, w.quarantineRef, CanonicalJson.write(q.get("pins")));
  }

  private static String json(Object v) {
    return v == null ? null : CanonicalJson.write(v);
  }
}
