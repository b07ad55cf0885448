package dev.fp.ingress.ig.store;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.InList;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables {@code ig_receipts} and {@code ig_quarantines}, the ops index operators and the reporter query: one row per
 * receipt / quarantine record and run, first write wins ({@code ON CONFLICT DO NOTHING}).
 */
public final class OpsIndexStore {
  private static final String RECEIPT_COLUMNS = "receipt_id, platform_run_id, event_id, event_type, event_class, "
      + "dedupe_key, decision, eb_topic, eb_partition, eb_offset, eb_offset_kind, policy_id, policy_revision, "
      + "policy_digest, created_at_utc, receipt_ref, pins_json, reason_codes_json, evidence_refs_json";
  private static final String QUARANTINE_COLUMNS = "quarantine_id, platform_run_id, event_id, event_type, event_class, "
      + "reason_code, reason_detail, policy_id, policy_revision, policy_digest, created_at_utc, evidence_ref, pins_json";
  private final Db db;

  public OpsIndexStore(Db db) {
    this.db = db;
  }

  public Future<Void> insertReceipts(SqlClient client, List<ReceiptRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> tuples = new ArrayList<>(rows.size());
    for (ReceiptRow r : rows) {
      tuples.add(Tuple.tuple().addString(r.receiptId()).addString(r.platformRunId()).addString(r.eventId())
          .addString(r.eventType()).addString(r.eventClass()).addString(r.dedupeKey()).addString(r.decision())
          .addString(r.ebTopic()).addInteger(r.ebPartition()).addString(r.ebOffset()).addString(r.ebOffsetKind())
          .addString(r.policyId()).addString(r.policyRevision()).addString(r.policyDigest())
          .addString(r.createdAtUtc()).addString(r.receiptRef()).addString(r.pinsJson())
          .addString(r.reasonCodesJson()).addString(r.evidenceRefsJson()));
    }
    String sql = "INSERT INTO ig_receipts (" + RECEIPT_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        + "$11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT (receipt_id, platform_run_id) DO NOTHING";
    return client.preparedQuery(db.dialect().sql(sql)).executeBatch(tuples).mapEmpty();
  }

  public Future<Void> insertQuarantines(SqlClient client, List<QuarantineRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> tuples = new ArrayList<>(rows.size());
    for (QuarantineRow r : rows) {
      tuples.add(Tuple.tuple().addString(r.quarantineId()).addString(r.platformRunId()).addString(r.eventId())
          .addString(r.eventType()).addString(r.eventClass()).addString(r.reasonCode()).addString(r.reasonDetail())
          .addString(r.policyId()).addString(r.policyRevision()).addString(r.policyDigest())
          .addString(r.createdAtUtc()).addString(r.evidenceRef()).addString(r.pinsJson()));
    }
    String sql = "INSERT INTO ig_quarantines (" + QUARANTINE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        + "$10, $11, $12, $13) ON CONFLICT (quarantine_id, platform_run_id) DO NOTHING";
    return client.preparedQuery(db.dialect().sql(sql)).executeBatch(tuples).mapEmpty();
  }

  /** Receipts with any of these ids (all runs). */
  public Future<List<ReceiptRow>> receipts(SqlClient client, List<String> receiptIds) {
    String sql = "SELECT " + RECEIPT_COLUMNS + " FROM ig_receipts WHERE receipt_id IN ("
        + InList.placeholders(1, receiptIds.size()) + ") ORDER BY created_at_utc";
    return db.query(client, sql, InList.tuple(List.of(), receiptIds)).map(rows -> {
      List<ReceiptRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(receipt(r)));
      return out;
    });
  }

  /** Quarantine records with this id (all runs). */
  public Future<List<QuarantineRow>> quarantines(SqlClient client, String quarantineId) {
    return db.query(client, "SELECT " + QUARANTINE_COLUMNS + " FROM ig_quarantines WHERE quarantine_id = $1",
        Tuple.of(quarantineId)).map(rows -> {
          List<QuarantineRow> out = new ArrayList<>();
          rows.forEach(r -> out.add(quarantine(r)));
          return out;
        });
  }

  private static ReceiptRow receipt(Row r) {
    return new ReceiptRow(r.getString("receipt_id"), r.getString("platform_run_id"), r.getString("event_id"),
        r.getString("event_type"), r.getString("event_class"), r.getString("dedupe_key"), r.getString("decision"),
        r.getString("eb_topic"), r.getInteger("eb_partition"), r.getString("eb_offset"), r.getString("eb_offset_kind"),
        r.getString("policy_id"), r.getString("policy_revision"), r.getString("policy_digest"),
        r.getString("created_at_utc"), r.getString("receipt_ref"), r.getString("pins_json"),
        r.getString("reason_codes_json"), r.getString("evidence_refs_json"));
  }

  private static QuarantineRow quarantine(Row r) {
    return new QuarantineRow(r.getString("quarantine_id"), r.getString("platform_run_id"), r.getString("event_id"),
        r.getString("event_type"), r.getString("event_class"), r.getString("reason_code"), r.getString("reason_detail"),
        r.getString("policy_id"), r.getString("policy_revision"), r.getString("policy_digest"),
        r.getString("created_at_utc"), r.getString("evidence_ref"), r.getString("pins_json"));
  }
}
