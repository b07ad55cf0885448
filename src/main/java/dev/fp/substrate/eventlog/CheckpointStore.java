package dev.fp.substrate.eventlog;

import dev.fp.contract.Timestamps;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumer-group leases and checkpoints ({@code eb_consumer_leases}, {@code eb_checkpoints}, migration V002).
 *
 * <p>A group has at most one live holder: {@link #acquire} takes the lease when it is free, expired or already ours,
 * and bumps the fencing token; otherwise it fails with {@link LeaseHeldException}. Every checkpoint write runs
 * {@link #fence} first, {@code UPDATE eb_consumer_leases … WHERE fencing_token = $n}, in the caller's transaction:
 * a stale holder gets {@link LeaseLostException} and its whole transaction (state change and checkpoint) rolls back;
 * on PostgreSQL the updated lease row also stays locked until commit, so a takeover waits for an in-flight batch.
 * Lease times are wall-clock milliseconds from the injected {@link Clock}. A lease whose holder is provably dead
 * ({@link LeaseHolders#provablyDead}: same host, process gone) is taken over at once instead of after its TTL.
 */
public final class CheckpointStore {
  /** The last processed record of a partition: resume {@code AFTER offset}. */
  public record Checkpoint(TopicPartition partition, String offset, String offsetKind, long fencingToken,
                           String updatedAtUtc) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckpointStore.class);
  private final Db db;
  private final Clock clock;

  public CheckpointStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Takes the lease in one transaction: an upsert that only overwrites a free, expired or own lease, then a read of
   * the row (not {@code RETURNING}: through the JDBC client, SQLite leaves a RETURNING statement's implicit transaction
   * open, and the next rollback on that connection undid the upsert).
   */
  public Future<Lease> acquire(String groupId, String holder, Duration ttl) {
    return acquireOnce(groupId, holder, ttl, null).recover(err -> {
      if (err instanceof LeaseHeldException held && LeaseHolders.provablyDead(held.holder())) {
        LOG.warn("consumer group {}: holder {} is dead (same host, process gone); taking its lease over now",
            groupId, held.holder());
        return acquireOnce(groupId, holder, ttl, held.holder());
      }
      return Future.failedFuture(err);
    });
  }

  /** One attempt; {@code deadHolder}, when set, may be replaced even before its lease expires. */
  private Future<Lease> acquireOnce(String groupId, String holder, Duration ttl, String deadHolder) {
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    String ts = Timestamps.now(clock);
    String upsert = "INSERT INTO eb_consumer_leases (group_id, holder, fencing_token, expires_at_ms, acquired_at_utc, "
        + "renewed_at_utc) VALUES ($1, $2, 1, $3, $4, $5) ON CONFLICT (group_id) DO UPDATE SET holder = excluded.holder, "
        + "fencing_token = eb_consumer_leases.fencing_token + 1, expires_at_ms = excluded.expires_at_ms, "
        + "acquired_at_utc = excluded.acquired_at_utc, renewed_at_utc = excluded.renewed_at_utc "
        + "WHERE eb_consumer_leases.expires_at_ms <= $6 OR eb_consumer_leases.holder = $7 "
        + "OR eb_consumer_leases.holder = $8";
    String select = "SELECT holder, fencing_token, expires_at_ms FROM eb_consumer_leases WHERE group_id = $1";
    return db.withTransaction("acquire lease " + groupId, tx -> db.query(tx, upsert,
            Tuple.of(groupId, holder, expires, ts, ts, now, holder, deadHolder == null ? holder : deadHolder))
        .compose(upserted -> db.query(tx, select, Tuple.of(groupId)).compose(rows -> {
          Row r = rows.iterator().next();
          return upserted.rowCount() == 1
              ? Future.succeededFuture(new Lease(groupId, holder, r.getLong(1), expires))
              : Future.failedFuture(new LeaseHeldException(groupId, r.getString(0), r.getLong(2)));
        })))
        .recover(err -> Future.failedFuture(unwrap(err, LeaseHeldException.class)));
  }

  private static Throwable unwrap(Throwable err, Class<? extends Throwable> type) {
    Throwable typed = LogConsumer.causeOf(err, type);
    return typed != null ? typed : err;
  }

  /** Extends the lease; {@link LeaseLostException} when the group was taken over meanwhile. */
  public Future<Lease> renew(Lease lease, Duration ttl) {
    long expires = clock.millis() + ttl.toMillis();
    return db.query("UPDATE eb_consumer_leases SET expires_at_ms = $1, renewed_at_utc = $2 WHERE group_id = $3 "
            + "AND fencing_token = $4", Tuple.of(expires, Timestamps.now(clock), lease.groupId(), lease.fencingToken()))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(lease.withExpiresAtMs(expires))
            : Future.failedFuture(lost(lease, "renew lease")));
  }

  /** Lets the next instance in at once; a no-op when the lease was already taken over. */
  public Future<Void> release(Lease lease) {
    return db.query("UPDATE eb_consumer_leases SET expires_at_ms = 0, renewed_at_utc = $1 WHERE group_id = $2 "
        + "AND fencing_token = $3", Tuple.of(Timestamps.now(clock), lease.groupId(), lease.fencingToken())).mapEmpty();
  }

  /** In the caller's transaction: proves the lease is still ours (and on PostgreSQL locks it until commit). */
  public Future<Void> fence(SqlClient tx, Lease lease, String op) {
    return db.query(tx, "UPDATE eb_consumer_leases SET holder = holder WHERE group_id = $1 AND fencing_token = $2",
            Tuple.of(lease.groupId(), lease.fencingToken()))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(lost(lease, op)));
  }

  /** In the caller's transaction, after {@link #fence}: records {@code offset} as the partition's last processed. */
  public Future<Void> save(SqlClient tx, Lease lease, TopicPartition tp, String offset, String offsetKind) {
    String sql = "INSERT INTO eb_checkpoints (group_id, topic, partition, log_offset, offset_kind, fencing_token, "
        + "updated_at_utc) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (group_id, topic, partition) DO UPDATE SET "
        + "log_offset = excluded.log_offset, offset_kind = excluded.offset_kind, fencing_token = excluded.fencing_token, "
        + "updated_at_utc = excluded.updated_at_utc";
    return db.query(tx, sql, Tuple.of(lease.groupId(), tp.topic(), tp.partition(), offset, offsetKind,
        lease.fencingToken(), Timestamps.now(clock))).mapEmpty();
  }

  /** Fenced checkpoint write in its own transaction (tools and tests; consumers use {@link #fence} + {@link #save}). */
  public Future<Void> saveFenced(Lease lease, TopicPartition tp, String offset, String offsetKind) {
    String op = "checkpoint " + lease.groupId() + " " + tp;
    return db.withTransaction(op, tx -> fence(tx, lease, op).compose(v -> save(tx, lease, tp, offset, offsetKind)))
        .recover(err -> Future.failedFuture(unwrap(err, LeaseLostException.class)));
  }

  public Future<Map<TopicPartition, Checkpoint>> load(String groupId) {
    return db.query("SELECT topic, partition, log_offset, offset_kind, fencing_token, updated_at_utc FROM eb_checkpoints "
        + "WHERE group_id = $1", Tuple.of(groupId)).map(rows -> {
          Map<TopicPartition, Checkpoint> out = new HashMap<>();
          for (Row r : rows) {
            TopicPartition tp = new TopicPartition(r.getString(0), r.getInteger(1));
            out.put(tp, new Checkpoint(tp, r.getString(2), r.getString(3), r.getLong(4), r.getString(5)));
          }
          return out;
        });
  }

  private static LeaseLostException lost(Lease lease, String op) {
    return new LeaseLostException(lease.groupId(), lease.holder(), lease.fencingToken(), op);
  }
}
