package dev.fp.control.wsp.store;

import dev.fp.contract.Timestamps;
import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.OutputProgress;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WSP's SQL (migration V005): READY dedupe records ({@code wsp_ready_records}) and per-output checkpoints
 * ({@code wsp_checkpoints}). Writes take the caller's client so the shell runs them inside a transaction that
 * first fences the consumer-group lease. {@link #insertReady} is idempotent per message_id (the first row wins);
 * {@link #saveCheckpoint} upserts and keeps the earliest first-push time.
 */
public final class WspStore {
  private static final String READY_COLUMNS = "seq, message_id, platform_run_id, scenario_run_id, status, reason, "
      + "emitted, attempts, next_attempt_at_ms, ready_json, source_offset, received_at_utc, updated_at_utc";
  private static final String CHECKPOINT_COLUMNS = "scope_key, output_id, platform_run_id, scenario_run_id, pack_key, "
      + "last_file, last_row_index, last_ts_utc, emitted, view_rows, status, reason, first_push_at_utc, "
      + "last_ack_at_utc";

  private final Db db;
  private final Clock clock;

  public WspStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records a new PENDING READY; false (nothing changed) when its message_id is already known. */
  public Future<Boolean> insertReady(SqlClient c, String messageId, String platformRunId, String scenarioRunId,
                                     String readyJson, String sourceOffset) {
    String now = Timestamps.now(clock);
    return db.query(c, "INSERT INTO wsp_ready_records (message_id, platform_run_id, scenario_run_id, status, reason, "
            + "emitted, attempts, next_attempt_at_ms, ready_json, source_offset, received_at_utc, updated_at_utc) "
            + "VALUES ($1, $2, $3, $4, NULL, 0, 0, 0, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING",
        Tuple.of(messageId, platformRunId, scenarioRunId, ReadyStatus.PENDING.name(), readyJson, sourceOffset, now,
            now)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<ReadyRecord>> ready(SqlClient c, String messageId) {
    return db.query(c, "SELECT " + READY_COLUMNS + " FROM wsp_ready_records WHERE message_id = $1",
        Tuple.of(messageId)).map(rows -> first(rows).map(WspStore::readyOf));
  }

  /** The oldest PENDING READY whose next attempt is due at {@code nowMs}. */
  public Future<Optional<ReadyRecord>> nextDue(long nowMs) {
    return db.query("SELECT " + READY_COLUMNS + " FROM wsp_ready_records WHERE status = $1 AND next_attempt_at_ms <= "
            + "$2 ORDER BY seq LIMIT 1", Tuple.of(ReadyStatus.PENDING.name(), nowMs))
        .map(rows -> first(rows).map(WspStore::readyOf));
  }

  /** Every READY record, oldest first (optionally of one platform run). */
  public Future<List<ReadyRecord>> readies(String platformRunId) {
    String where = platformRunId == null ? "" : " WHERE platform_run_id = $1";
    Tuple args = platformRunId == null ? Tuple.tuple() : Tuple.of(platformRunId);
    return db.query("SELECT " + READY_COLUMNS + " FROM wsp_ready_records" + where + " ORDER BY seq", args)
        .map(rows -> list(rows, WspStore::readyOf));
  }

  /** Keeps the READY PENDING and retries it at {@code nextAttemptAtMs}. */
  public Future<Void> defer(SqlClient c, String messageId, String reason, long nextAttemptAtMs) {
    return db.query(c, "UPDATE wsp_ready_records SET reason = $1, attempts = attempts + 1, next_attempt_at_ms = $2, "
            + "updated_at_utc = $3 WHERE message_id = $4",
        Tuple.of(reason, nextAttemptAtMs, Timestamps.now(clock), messageId)).mapEmpty();
  }

  /** The READY's wait is over (it is being streamed now): its deferral reason no longer applies. */
  public Future<Void> clearReason(SqlClient c, String messageId) {
    return db.query(c, "UPDATE wsp_ready_records SET reason = NULL, updated_at_utc = $1 WHERE message_id = $2",
        Tuple.of(Timestamps.now(clock), messageId)).mapEmpty();
  }

  public Future<Void> finish(SqlClient c, String messageId, ReadyStatus status, String reason, long emitted) {
    return db.query(c, "UPDATE wsp_ready_records SET status = $1, reason = $2, emitted = $3, attempts = attempts + 1, "
            + "updated_at_utc = $4 WHERE message_id = $5",
        Tuple.of(status.name(), reason, emitted, Timestamps.now(clock), messageId)).mapEmpty();
  }

  /** Operator re-drive: FAILED READYs of the run become PENDING again; returns how many. */
  public Future<Integer> requeueFailed(SqlClient c, String platformRunId) {
    return db.query(c, "UPDATE wsp_ready_records SET status = $1, next_attempt_at_ms = 0, updated_at_utc = $2 WHERE "
            + "status = $3 AND platform_run_id = $4",
        Tuple.of(ReadyStatus.PENDING.name(), Timestamps.now(clock), ReadyStatus.FAILED.name(), platformRunId))
        .map(RowSet::rowCount);
  }

  public Future<Optional<CheckpointRow>> checkpoint(String scopeKey, String outputId) {
    return db.query("SELECT " + CHECKPOINT_COLUMNS + " FROM wsp_checkpoints WHERE scope_key = $1 AND output_id = $2",
        Tuple.of(scopeKey, outputId)).map(rows -> first(rows).map(WspStore::checkpointOf));
  }

  /** Upserts an output's checkpoint, stamped with the lease token of the writer. */
  public Future<Void> saveCheckpoint(SqlClient c, CheckpointRow row, long fencingToken) {
    Cursor cur = row.cursor();
    return db.query(c, "INSERT INTO wsp_checkpoints (" + CHECKPOINT_COLUMNS + ", fencing_token, updated_at_utc) VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (scope_key, output_id) "
            + "DO UPDATE SET last_file = excluded.last_file, last_row_index = excluded.last_row_index, "
            + "last_ts_utc = excluded.last_ts_utc, emitted = excluded.emitted, view_rows = excluded.view_rows, "
            + "status = excluded.status, reason = excluded.reason, first_push_at_utc = "
            + "COALESCE(wsp_checkpoints.first_push_at_utc, excluded.first_push_at_utc), last_ack_at_utc = "
            + "COALESCE(excluded.last_ack_at_utc, wsp_checkpoints.last_ack_at_utc), fencing_token = "
            + "excluded.fencing_token, updated_at_utc = excluded.updated_at_utc",
        Tuple.wrap(new Object[] {row.scopeKey(), row.outputId(), row.platformRunId(), row.scenarioRunId(),
            row.packKey(), cur.part(), cur.rowIndex(), cur.tsUtc(), cur.emitted(), row.viewRows(), row.status(),
            row.reason(), row.firstPushAtUtc(), row.lastAckAtUtc(), fencingToken, Timestamps.now(clock)}))
        .mapEmpty();
  }

  /** Every output's stream record of a platform run (all scenario runs and attempts), oldest update first. */
  public Future<List<OutputProgress>> progress(String platformRunId) {
    return db.query("SELECT output_id, emitted, view_rows, status, reason, first_push_at_utc, last_ack_at_utc FROM "
            + "wsp_checkpoints WHERE platform_run_id = $1 ORDER BY updated_at_utc", Tuple.of(platformRunId))
        .map(rows -> list(rows, r -> new OutputProgress(r.getString(0), r.getLong(1), r.getLong(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6))));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  private static <T> List<T> list(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  private static ReadyRecord readyOf(Row r) {
    return new ReadyRecord(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
        ReadyStatus.valueOf(r.getString(4)), r.getString(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getString(9),
        r.getString(10), r.getString(11), r.getString(12));
  }

  private static CheckpointRow checkpointOf(Row r) {
    Cursor cursor = new Cursor(r.getString(5), r.getLong(6), r.getString(7), r.getLong(8));
    return new CheckpointRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), cursor,
        r.getLong(9), r.getString(10), r.getString(11), r.getString(12), r.getString(13));
  }
}
