package dev.fp.ingress.ig;

import dev.fp.contract.Ids;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.OpsIndexStore;
import dev.fp.ingress.ig.store.QuarantineRow;
import dev.fp.ingress.ig.store.ReceiptRow;
import dev.fp.platform.evidence.EvidenceWriter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /v1/ops/lookup}: by {@code dedupe_key}, by {@code event_id} (with {@code event_class}, and
 * {@code platform_run_id} defaulting to IG's active run, to find the admission row) or by {@code receipt_id} (the
 * receipt itself is read back from the evidence of {@code platform_run_id}). Answers
 * {@code {"admission": row|null, "receipts": […], "quarantines": […][, "receipt": {…}]}}; the admission row carries
 * the ADMIT receipt's id and ref and shows the state, so an unresolved PUBLISH_AMBIGUOUS is visible here; the
 * receipts list holds the DUPLICATE and QUARANTINE receipts. No query: 400 MISSING_QUERY.
 */
final class IgLookup {
  private final AdmissionStore admissions;
  private final OpsIndexStore ops;
  private final EvidenceWriter evidence;
  private final Supplier<String> activeRun;

  IgLookup(AdmissionStore admissions, OpsIndexStore ops, EvidenceWriter evidence, Supplier<String> activeRun) {
    this.admissions = admissions;
    this.ops = ops;
    this.evidence = evidence;
    this.activeRun = activeRun;
  }

  Future<JsonObject> lookup(MultiMap q) {
    if (q.get("dedupe_key") != null) {
      return admissions.locate(q.get("dedupe_key"))
          .compose(row -> byEvent(row, row.map(AdmissionRow::eventId).orElse(null)));
    }
    if (q.get("event_id") != null) {
      String eventId = q.get("event_id");
      String cls = q.get("event_class");
      String run = q.get("platform_run_id") != null ? q.get("platform_run_id") : activeRun.get();
      Future<Optional<AdmissionRow>> row = cls == null ? Future.succeededFuture(Optional.empty())
          : run == null ? Future.succeededFuture(Optional.empty()) : admissions.get(run, Ids.dedupeKey(run, cls, eventId));
      return row.compose(r -> byEvent(r, eventId));
    }
    if (q.get("receipt_id") != null) {
      String run = q.get("platform_run_id") != null ? q.get("platform_run_id") : activeRun.get();
      String id = q.get("receipt_id");
      Future<Optional<Map<String, Object>>> stored = run == null || !id.matches("[0-9a-f]{32}")
          ? Future.succeededFuture(Optional.empty()) : evidence.read(run + "/ig/receipts", id);
      return ops.receipts(List.of(id)).compose(rs -> stored.map(r -> answer(Optional.empty(), rs, List.of())
          .put("receipt", r.map(JsonObject::new).orElse(null))));
    }
    return Future.failedFuture(new IgRejection(400, "MISSING_QUERY",
        "give dedupe_key, event_id (+ event_class[, platform_run_id]) or receipt_id", 0));
  }

  private Future<JsonObject> byEvent(Optional<AdmissionRow> row, String eventId) {
    if (eventId == null) {
      return Future.succeededFuture(answer(row, List.of(), List.of()));
    }
    List<String> ids = List.of(Receipts.receiptId(Receipts.ADMIT, eventId),
        Receipts.receiptId(Receipts.DUPLICATE, eventId), Receipts.receiptId(Receipts.QUARANTINE, eventId));
    return ops.receipts(ids).compose(rs -> ops.quarantines(Ids.quarantineId(eventId))
        .map(qs -> answer(row, rs, qs)));
  }

  private static JsonObject answer(Optional<AdmissionRow> row, List<ReceiptRow> receipts, List<QuarantineRow> qs) {
    JsonArray rs = new JsonArray();
    receipts.forEach(r -> rs.add(receipt(r)));
    JsonArray qa = new JsonArray();
    qs.forEach(q -> qa.add(quarantine(q)));
    return new JsonObject().put("admission", row.map(IgLookup::row).orElse(null)).put("receipts", rs)
        .put("quarantines", qa);
  }

  private static JsonObject receipt(ReceiptRow r) {
    return new JsonObject().put("receipt_id", r.receiptId()).put("platform_run_id", r.platformRunId())
        .put("event_id", r.eventId()).put("event_type", r.eventType()).put("event_class", r.eventClass())
        .put("dedupe_key", r.dedupeKey()).put("decision", r.decision()).put("eb_topic", r.ebTopic())
        .put("eb_partition", r.ebPartition()).put("eb_offset", r.ebOffset()).put("eb_offset_kind", r.ebOffsetKind())
        .put("policy_id", r.policyId()).put("policy_revision", r.policyRevision()).put("policy_digest", r.policyDigest())
        .put("created_at_utc", r.createdAtUtc()).put("receipt_ref", r.receiptRef())
        .put("reason_codes_json", r.reasonCodesJson()).put("evidence_refs_json", r.evidenceRefsJson());
  }

  private static JsonObject quarantine(QuarantineRow q) {
    return new JsonObject().put("quarantine_id", q.quarantineId()).put("platform_run_id", q.platformRunId())
        .put("event_id", q.eventId()).put("event_type", q.eventType()).put("event_class", q.eventClass())
        .put("reason_code", q.reasonCode()).put("reason_detail", q.reasonDetail())
        .put("created_at_utc", q.createdAtUtc()).put("evidence_ref", q.evidenceRef());
  }

  static JsonObject row(AdmissionRow r) {
    JsonObject eb = r.ebRef() == null ? null : new JsonObject().put("topic", r.ebRef().topic())
        .put("partition", r.ebRef().partition()).put("offset", r.ebRef().offset())
        .put("offset_kind", r.ebRef().offsetKind()).put("published_at_utc", r.ebRef().publishedAtUtc());
    return new JsonObject().put("dedupe_key", r.dedupeKey()).put("state", r.storedState())
        .put("platform_run_id", r.platformRunId()).put("event_class", r.eventClass()).put("event_id", r.eventId())
        .put("event_type", r.eventType()).put("payload_hash", r.payloadHash()).put("eb_topic", r.ebTopic())
        .put("eb_ref", eb).put("admitted_at_utc", r.admittedAtUtc()).put("receipt_id", r.receiptId())
        .put("receipt_ref", r.receiptRef()).put("receipt_write_failed", r.receiptWriteFailed())
        .put("state_reason", r.stateReason());
  }
}
