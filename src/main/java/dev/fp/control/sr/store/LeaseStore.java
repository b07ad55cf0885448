package dev.fp.control.sr.store;

import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.substrate.eventlog.LeaseHolders;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SR leases {@code sr_run_leases} (control_ingress §3.3): at most one live holder per SR run, so two submissions of
 * one equivalence key never write the same artifacts at once.
 *
 * <p>{@link #acquire} takes a free, expired or own lease in one transaction (an upsert guarded by expiry/owner, then a
 * read of the row) and bumps the fencing token; a lease held by another owner and unexpired fails with
 * {@code LEASE_BUSY} (or the caller's busy code, {@code REEMIT_BUSY} for re-emits) naming the holder. Before every
 * commit step the holder calls {@link #renew}: it extends the lease only if the fencing token is still ours and the
 * lease has not expired, else {@code LEASE_LOST}. {@link #release} lets the next submission in at once (the reference
 * never released, so a re-submission within the TTL was LEASE_BUSY). Times are wall-clock ms of the injected clock.
 */
public final class LeaseStore {
  private final Db db;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LeaseStore.class);
  private final Clock clock;

  public LeaseStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A stored lease row, as an operator would read it. */
  public record LeaseRow(String leaseKey, String ownerId, long fencingToken, long expiresAtMs, String expiresAt) {
  }

  /**
   * Takes the lease when it is free, expired or ours; also at once when its owner is provably dead (same host, its
   * process gone: {@link LeaseHolders#provablyDead}), so a platform killed in P5 does not block its resume for the
   * whole TTL. Otherwise fails with {@code busyCode}.
   */
  public Future<SrLease> acquire(String leaseKey, String owner, Duration ttl, String busyCode) {
    return acquireOnce(leaseKey, owner, ttl, busyCode, owner).recover(err -> !(err instanceof SrException)
        ? Future.failedFuture(err)
        : read(leaseKey).compose(row -> {
          String current = row.map(LeaseRow::ownerId).orElse(null);
          if (current == null || !LeaseHolders.provablyDead(current)) {
            return Future.failedFuture(err);
          }
          LOG.warn("SR lease {}: owner {} is dead (same host, process gone); taking the lease over now", leaseKey,
              current);
          return acquireOnce(leaseKey, owner, ttl, busyCode, current);
        }));
  }

  private Future<SrLease> acquireOnce(String leaseKey, String owner, Duration ttl, String busyCode,
                                      String replaceable) {
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    String nowUtc = Timestamps.now(clock);
    String token = Hashing.sha256Hex(leaseKey + "|" + owner + "|" + nowUtc);
    String upsert = "INSERT INTO sr_run_leases (run_id, owner_id, lease_token, fencing_token, expires_at_ms, "
        + "expires_at, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (run_id) DO UPDATE SET "
        + "owner_id = excluded.owner_id, lease_token = excluded.lease_token, "
        + "fencing_token = sr_run_leases.fencing_token + 1, expires_at_ms = excluded.expires_at_ms, "
        + "expires_at = excluded.expires_at, updated_at = excluded.updated_at "
        + "WHERE sr_run_leases.expires_at_ms <= $7 OR sr_run_leases.owner_id = $8 OR sr_run_leases.owner_id = $9";
    Tuple args = Tuple.of(leaseKey, owner, token, expires, utc(expires), nowUtc).addLong(now).addString(owner)
        .addString(replaceable);
    return db.withTransaction("acquire SR lease " + leaseKey, tx -> db.query(tx, upsert, args)
        .compose(upserted -> db.query(tx, "SELECT owner_id, fencing_token, expires_at_ms FROM sr_run_leases "
            + "WHERE run_id = $1", Tuple.of(leaseKey)).compose(rows -> {
              Row r = rows.iterator().next();
              return upserted.rowCount() == 1
                  ? Future.succeededFuture(new SrLease(leaseKey, owner, token, r.getLong(1), expires))
                  : Future.failedFuture(busy(busyCode, leaseKey, r.getString(0), r.getLong(2)));
            })))
        .recover(err -> Future.failedFuture(err.getCause() instanceof SrException sr ? sr : err));
  }

  /** Proves the lease is still ours and unexpired, and extends it by {@code ttl}; else {@code LEASE_LOST}. */
  public Future<SrLease> renew(SrLease lease, Duration ttl, String op) {
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    String sql = "UPDATE sr_run_leases SET expires_at_ms = $1, expires_at = $2, updated_at = $3 WHERE run_id = $4 "
        + "AND fencing_token = $5 AND expires_at_ms > $6";
    Tuple args = Tuple.of(expires, utc(expires), Timestamps.now(clock), lease.leaseKey(), lease.fencingToken(), now);
    return db.query(sql, args).compose(rows -> rows.rowCount() == 1
        ? Future.succeededFuture(lease.withExpiresAtMs(expires))
        : Future.failedFuture(SrException.check(SrCodes.LEASE_LOST, op + ": lease of " + lease.leaseKey()
            + " held by " + lease.ownerId() + " (fencing token " + lease.fencingToken() + ") expired or was taken over",
            "another SR took this run over; check its outcome (fp sr run is safe to re-submit with the same key)")));
  }

  /** Lets the next holder in at once; a no-op when the lease was taken over meanwhile. */
  public Future<Void> release(SrLease lease) {
    return db.query("UPDATE sr_run_leases SET expires_at_ms = 0, updated_at = $1 WHERE run_id = $2 "
        + "AND fencing_token = $3", Tuple.of(Timestamps.now(clock), lease.leaseKey(), lease.fencingToken())).mapEmpty();
  }

  public Future<Optional<LeaseRow>> read(String leaseKey) {
    return db.query("SELECT owner_id, fencing_token, expires_at_ms, expires_at FROM sr_run_leases WHERE run_id = $1",
        Tuple.of(leaseKey)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new LeaseRow(leaseKey, r.getString(0), r.getLong(1), r.getLong(2), r.getString(3)));
        });
  }

  private static SrException busy(String code, String leaseKey, String holder, long expiresAtMs) {
    return SrException.check(code, "lease of " + leaseKey + " is held by " + holder + " until "
        + utc(expiresAtMs), "use a new --equivalence-key, wait for the lease to expire, or clear it: "
        + "DELETE FROM sr_run_leases WHERE run_id = '" + leaseKey + "'");
  }

  private static String utc(long epochMs) {
    return Timestamps.format(Instant.ofEpochMilli(epochMs));
  }
}
