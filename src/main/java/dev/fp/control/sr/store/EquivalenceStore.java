package dev.fp.control.sr.store;

import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The equivalence registry {@code sr_run_equivalence} (control_ingress §3.2): one row per
 * {@code run_equivalence_key} holding its SR run id and intent fingerprint. Registering is idempotent: the insert
 * does nothing when the key is known (a concurrent insert resolves the same way) and the stored row is then read
 * back; a known key with another fingerprint is {@code EQUIV_KEY_COLLISION}.
 */
public final class EquivalenceStore {
  private final Db db;

  public EquivalenceStore(Db db) {
    this.db = db;
  }

  /** Registers (or re-sees) the key and returns its run id; fails {@code EQUIV_KEY_COLLISION}. */
  public Future<String> register(String key, String runId, String fingerprint, String nowUtc) {
    String insert = "INSERT INTO sr_run_equivalence (run_equivalence_key, run_id, intent_fingerprint, first_seen_at, "
        + "last_seen_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run_equivalence_key) DO NOTHING";
    String select = "SELECT run_id, intent_fingerprint FROM sr_run_equivalence WHERE run_equivalence_key = $1";
    return db.query(insert, Tuple.of(key, runId, fingerprint, nowUtc, nowUtc))
        .compose(v -> db.query(select, Tuple.of(key)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (!fingerprint.equals(r.getString(1))) {
            return Future.failedFuture(SrException.check(SrCodes.EQUIV_KEY_COLLISION, "equivalence key " + key
                + " was registered for another intent (fingerprint " + r.getString(1) + ", this submission "
                + fingerprint + ")", "use a new --equivalence-key for a different world, scenario or window"));
          }
          return db.query("UPDATE sr_run_equivalence SET last_seen_at = $1 WHERE run_equivalence_key = $2",
              Tuple.of(nowUtc, key)).map(u -> r.getString(0));
        });
  }
}
