package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.InList;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Table {@code ig_admissions}, IG's dedupe authority (states in {@link AdmissionState}). Methods take the
 * {@link SqlClient} so a cycle runs them inside one transaction; batch methods send one statement per chunk or one
 * pipelined batch. Every state change is guarded by the state it leaves (and the claim token for in-flight rows), so a
 * stale writer changes nothing. Rows are found through {@code key_prefix}, the first {@value #KEY_PREFIX_CHARS} hex
 * characters of the dedupe key (a short unique index keeps the one random-key insert per admission cheap), and every
 * statement also matches the full {@code dedupe_key}.
 */
public final class AdmissionStore {
  private static final String COLUMNS = "dedupe_key, state, platform_run_id, event_class, event_id, event_type, "
      + "payload_hash, eb_topic, eb_partition, eb_offset, eb_offset_kind, eb_published_at_utc, admitted_at_utc, "
      + "receipt_id, receipt_ref, receipt_write_failed, state_reason";
  /** Repeats the partial index predicate literally so both planners use {@code ig_admissions_unsettled}. */
  private static final String UNSETTLED = "AND state <> 'ADMITTED'";
  static final int KEY_PREFIX_CHARS = 24;
  private final Db db;

  public AdmissionStore(Db db) {
    this.db = db;
  }

  /**
   * The rows holding the keys' places, by requested key. A row whose {@code dedupe_key} differs from the requested
   * key shares its {@value #KEY_PREFIX_CHARS}-character prefix (a 96-bit collision): the caller reports it.
   */
  public Future<Map<String, AdmissionRow>> find(SqlClient client, List<String> keys) {
    Map<String, List<String>> byPrefix = new HashMap<>();
    keys.forEach(k -> byPrefix.computeIfAbsent(keyPrefix(k), p -> new ArrayList<>(1)).add(k));
    Map<String, AdmissionRow> found = new HashMap<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (List<String> chunk : InList.chunks(new ArrayList<>(byPrefix.keySet()))) {
      String sql = "SELECT key_prefix, " + COLUMNS + " FROM ig_admissions WHERE key_prefix IN ("
          + InList.placeholders(1, chunk.size()) + ")";
      lookups.add(db.query(client, sql, InList.tuple(List.of(), chunk)).onSuccess(rows -> rows.forEach(r -> {
        AdmissionRow row = row(r);
        byPrefix.getOrDefault(r.getString("key_prefix"), List.of()).forEach(k -> found.put(k, row));
      })));
    }
    return Future.all(lookups).map(found);
  }

  /** The row of exactly this dedupe key. */
  public Future<Optional<AdmissionRow>> get(SqlClient client, String key) {
    return find(client, List.of(key)).map(m -> Optional.ofNullable(m.get(key)).filter(r -> r.dedupeKey().equals(key)));
  }

  /** The indexed prefix of a dedupe key. */
  static String keyPrefix(String dedupeKey) {
    return dedupeKey.length() <= KEY_PREFIX_CHARS ? dedupeKey : dedupeKey.substring(0, KEY_PREFIX_CHARS);
  }

  /** Inserts PUBLISH_IN_FLIGHT rows; returns the keys this call inserted (others already had a row). */
  public Future<Set<String>> insertInFlight(SqlClient client, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    List<Tuple> tuples = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      tuples.add(Tuple.tuple().addString(keyPrefix(c.dedupeKey())).addString(c.dedupeKey())
          .addString(AdmissionState.PUBLISH_IN_FLIGHT.name())
          .addString(c.platformRunId()).addString(c.eventClass()).addString(c.eventId()).addString(c.eventType())
          .addString(c.payloadHash()).addString(c.claimToken()).addString(c.atUtc()).addString(c.atUtc())
          .addString(c.topic()));
    }
    String sql = "INSERT INTO ig_admissions (key_prefix, dedupe_key, state, platform_run_id, event_class, event_id, "
        + "event_type, payload_hash, claim_token, created_at_utc, updated_at_utc, eb_topic) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (key_prefix) DO NOTHING";
    return batch(client, sql, tuples).compose(v -> owned(client, claims));
  }

  /** Claims PUBLISH_RELEASED rows again (operator released them); returns the keys claimed. */
  public Future<Set<String>> reclaim(SqlClient client, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    List<Tuple> tuples = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      tuples.add(Tuple.of(AdmissionState.PUBLISH_IN_FLIGHT.name(), c.claimToken(), c.topic(), c.atUtc(),
          keyPrefix(c.dedupeKey()), c.dedupeKey(), AdmissionState.PUBLISH_RELEASED.name()));
    }
    String sql = "UPDATE ig_admissions SET state = $1, claim_token = $2, eb_topic = $3, updated_at_utc = $4 "
        + "WHERE key_prefix = $5 AND dedupe_key = $6 AND state = $7";
    return batch(client, sql, tuples).compose(v -> owned(client, claims));
  }

  /**
   * The claimed keys whose row now carries the claim's token. Per-statement update counts of a batch are not
   * reported by every driver (the JDBC client gives one count per batch), so ownership is read back: a one-row count
   * per chunk, and the keys themselves only for a chunk where some claim was lost to another writer.
   */
  private Future<Set<String>> owned(SqlClient client, List<Claim> claims) {
    Map<String, List<String>> byToken = new HashMap<>();
    claims.forEach(c -> byToken.computeIfAbsent(c.claimToken(), t -> new ArrayList<>()).add(c.dedupeKey()));
    Set<String> out = new HashSet<>();
    List<Future<?>> reads = new ArrayList<>();
    byToken.forEach((token, keys) -> InList.chunks(keys).forEach(chunk -> reads.add(ownedChunk(client, token, chunk)
        .onSuccess(out::addAll))));
    return Future.all(reads).map(out);
  }

  private Future<List<String>> ownedChunk(SqlClient client, String token, List<String> chunk) {
    List<String> prefixes = chunk.stream().map(AdmissionStore::keyPrefix).toList();
    String where = " FROM ig_admissions WHERE claim_token = $1 AND key_prefix IN ("
        + InList.placeholders(2, chunk.size()) + ")";
    Tuple args = InList.tuple(List.of(token), prefixes);
    return db.query(client, "SELECT COUNT(*) AS n" + where, args).compose(count -> {
      if (count.iterator().next().getLong("n") == new HashSet<>(chunk).size()) {
        return Future.succeededFuture(chunk);
      }
      return db.query(client, "SELECT dedupe_key" + where, args).map(rows -> {
        Set<String> wanted = new HashSet<>(chunk);
        List<String> keys = new ArrayList<>();
        rows.forEach(r -> {
          if (wanted.contains(r.getString("dedupe_key"))) {
            keys.add(r.getString("dedupe_key"));
          }
        });
        return keys;
      });
    });
  }

  /** Settles the claimer's in-flight rows: ADMITTED with eb_ref and receipt, or PUBLISH_AMBIGUOUS. */
  public Future<Void> settle(SqlClient client, List<Settlement> settlements) {
    List<Tuple> admitted = new ArrayList<>();
    List<Tuple> ambiguous = new ArrayList<>();
    for (Settlement s : settlements) {
      if (s.isAdmitted()) {
        EbRef eb = s.ebRef();
        admitted.add(Tuple.tuple().addString(AdmissionState.ADMITTED.name()).addInteger(eb.partition())
            .addString(eb.offset()).addString(eb.offsetKind()).addString(eb.publishedAtUtc())
            .addString(s.admittedAtUtc()).addString(s.receiptId()).addString(s.receiptRef())
            .addInteger(s.receiptWriteFailed() ? 1 : 0).addString(s.atUtc()).addString(eb.topic())
            .addString(keyPrefix(s.dedupeKey())).addString(s.dedupeKey())
            .addString(AdmissionState.PUBLISH_IN_FLIGHT.name()).addString(s.claimToken()));
      } else {
        ambiguous.add(Tuple.of(AdmissionState.PUBLISH_AMBIGUOUS.name(), s.ambiguousReason(), s.atUtc(),
            keyPrefix(s.dedupeKey()), s.dedupeKey(), AdmissionState.PUBLISH_IN_FLIGHT.name(), s.claimToken()));
      }
    }
    Future<?> a = admitted.isEmpty() ? Future.succeededFuture() : batch(client, "UPDATE ig_admissions SET state = $1, "
        + "eb_partition = $2, eb_offset = $3, eb_offset_kind = $4, eb_published_at_utc = $5, admitted_at_utc = $6, "
        + "receipt_id = $7, receipt_ref = $8, receipt_write_failed = $9, updated_at_utc = $10, eb_topic = $11 "
        + "WHERE key_prefix = $12 AND dedupe_key = $13 AND state = $14 AND claim_token = $15", admitted);
    return a.compose(v -> ambiguous.isEmpty() ? Future.succeededFuture() : batch(client, "UPDATE ig_admissions SET "
        + "state = $1, state_reason = $2, updated_at_utc = $3 WHERE key_prefix = $4 AND dedupe_key = $5 AND state = $6 "
        + "AND claim_token = $7",
        ambiguous)).mapEmpty();
  }

  /** Records a receipt written later for an ADMITTED row that had none (receipt_write_failed back-fill). */
  public Future<Void> backfillReceipts(SqlClient client, List<String[]> keyIdRef, String atUtc) {
    if (keyIdRef.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> tuples = new ArrayList<>();
    keyIdRef.forEach(k -> tuples.add(Tuple.of(k[1], k[2], atUtc, keyPrefix(k[0]), k[0], AdmissionState.ADMITTED.name())));
    return batch(client, "UPDATE ig_admissions SET receipt_id = $1, receipt_ref = $2, receipt_write_failed = 0, "
        + "updated_at_utc = $3 WHERE key_prefix = $4 AND dedupe_key = $5 AND state = $6 AND receipt_ref IS NULL", tuples)
        .mapEmpty();
  }

  /**
   * Moves in-flight rows not touched since {@code staleBeforeUtc} (their IG process stopped mid-publish) to
   * PUBLISH_AMBIGUOUS, skipping {@code live} keys; returns the rows it moved.
   */
  public Future<List<AdmissionRow>> sweepStale(SqlClient client, String staleBeforeUtc, Set<String> live, String atUtc,
                                               String reason) {
    String select = "SELECT " + COLUMNS + " FROM ig_admissions WHERE state = $1 AND updated_at_utc < $2";
    return db.query(client, select, Tuple.of(AdmissionState.PUBLISH_IN_FLIGHT.name(), staleBeforeUtc)).compose(rows -> {
      List<AdmissionRow> stale = new ArrayList<>();
      rows.forEach(r -> {
        if (!live.contains(r.getString("dedupe_key"))) {
          stale.add(row(r));
        }
      });
      List<Tuple> tuples = new ArrayList<>();
      stale.forEach(s -> tuples.add(Tuple.of(AdmissionState.PUBLISH_AMBIGUOUS.name(), reason, atUtc,
          keyPrefix(s.dedupeKey()), s.dedupeKey(), AdmissionState.PUBLISH_IN_FLIGHT.name())));
      return tuples.isEmpty() ? Future.succeededFuture(stale) : batch(client, "UPDATE ig_admissions SET state = $1, "
          + "state_reason = $2, updated_at_utc = $3 WHERE key_prefix = $4 AND dedupe_key = $5 AND state = $6", tuples)
          .map(stale);
    });
  }

  /** Operator reconciliation: an ambiguous row whose record was found in the log becomes ADMITTED. */
  public Future<Boolean> resolveFound(SqlClient client, String key, EbRef eb, String admittedAtUtc, String receiptId,
                                      String receiptRef, String atUtc) {
    return db.query(client, "UPDATE ig_admissions SET state = $1, eb_topic = $2, eb_partition = $3, eb_offset = $4, "
            + "eb_offset_kind = $5, eb_published_at_utc = $6, admitted_at_utc = $7, receipt_id = $8, receipt_ref = $9, "
            + "receipt_write_failed = $10, state_reason = $11, updated_at_utc = $12 WHERE key_prefix = $13 "
            + "AND dedupe_key = $14 AND state = $15",
        Tuple.tuple().addString(AdmissionState.ADMITTED.name()).addString(eb.topic()).addInteger(eb.partition())
            .addString(eb.offset()).addString(eb.offsetKind()).addString(eb.publishedAtUtc()).addString(admittedAtUtc)
            .addString(receiptId).addString(receiptRef).addInteger(receiptRef == null ? 1 : 0)
            .addString("RECONCILED_FOUND_IN_LOG").addString(atUtc).addString(keyPrefix(key)).addString(key)
            .addString(AdmissionState.PUBLISH_AMBIGUOUS.name()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Operator reconciliation: an ambiguous row whose record is not in the log may be published by the next push. */
  public Future<Boolean> release(SqlClient client, String key, String operator, String atUtc) {
    return db.query(client, "UPDATE ig_admissions SET state = $1, state_reason = $2, updated_at_utc = $3 "
            + "WHERE key_prefix = $4 AND dedupe_key = $5 AND state = $6", Tuple.of(AdmissionState.PUBLISH_RELEASED.name(),
            "RELEASED_BY " + operator, atUtc, keyPrefix(key), key, AdmissionState.PUBLISH_AMBIGUOUS.name()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Rows of a run in a non-ADMITTED state (the unsettled index), oldest first, at most {@code limit}. */
  public Future<List<AdmissionRow>> unsettled(SqlClient client, String platformRunId, AdmissionState state, int limit) {
    return db.query(client, "SELECT " + COLUMNS + " FROM ig_admissions WHERE platform_run_id = $1 AND state = $2 "
            + UNSETTLED + " ORDER BY updated_at_utc LIMIT $3", Tuple.of(platformRunId, state.name(), limit))
        .map(rows -> {
          List<AdmissionRow> out = new ArrayList<>();
          rows.forEach(r -> out.add(row(r)));
          return out;
        });
  }

  /** How many rows of the run are in {@code state} (never ADMITTED: that count is kept in the run counters). */
  public Future<Long> countUnsettled(SqlClient client, String platformRunId, AdmissionState state) {
    return db.query(client, "SELECT COUNT(*) AS n FROM ig_admissions WHERE platform_run_id = $1 AND state = $2 "
            + UNSETTLED, Tuple.of(platformRunId, state.name()))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** ADMITTED rows of a run, and how many of them lack an eb_ref of {@code offsetKind} or a receipt. */
  public record AdmittedRefs(long admitted, long unreferenced) {
  }

  /** Counts the run's ADMITTED rows and those without a full eb_ref (of {@code offsetKind}) or receipt ref (P7). */
  public Future<AdmittedRefs> admittedRefs(SqlClient client, String platformRunId, String offsetKind) {
    // Placeholders in text order: SQLite binds them by position.
    return db.query(client, "SELECT COUNT(*) AS n, SUM(CASE WHEN eb_partition IS NULL OR eb_offset IS NULL "
            + "OR eb_offset_kind IS NULL OR eb_offset_kind <> $1 OR receipt_ref IS NULL THEN 1 ELSE 0 END) AS bad "
            + "FROM ig_admissions WHERE platform_run_id = $2 AND state = 'ADMITTED'",
            Tuple.of(offsetKind, platformRunId))
        .map(rows -> {
          Row r = rows.iterator().next();
          Long bad = r.getLong("bad");
          return new AdmittedRefs(r.getLong("n"), bad == null ? 0 : bad);
        });
  }

  /** A run's admissions to one partition: how many, and the one at the highest offset. */
  public record LastAdmitted(String topic, int partition, long admitted, String offset, String eventId) {
  }

  /**
   * Per topic and partition, the run's ADMITTED count and its last record (highest offset: offsets are decimal
   * integers, so the longest, then the greatest, as text). One grouping scan plus one lookup per partition (P7).
   */
  public Future<List<LastAdmitted>> lastAdmitted(SqlClient client, String platformRunId) {
    String where = "WHERE platform_run_id = $1 AND state = 'ADMITTED' AND eb_offset IS NOT NULL";
    return db.query(client, "SELECT eb_topic, eb_partition, COUNT(*) AS n, MAX(LENGTH(eb_offset)) AS len "
        + "FROM ig_admissions " + where + " GROUP BY eb_topic, eb_partition", Tuple.of(platformRunId))
        .compose(groups -> {
          List<Future<LastAdmitted>> each = new ArrayList<>();
          for (Row g : groups) {
            String topic = g.getString("eb_topic");
            int partition = g.getInteger("eb_partition");
            long n = g.getLong("n");
            each.add(db.query(client, "SELECT eb_offset, event_id FROM ig_admissions " + where + " AND eb_topic = $2 "
                    + "AND eb_partition = $3 AND LENGTH(eb_offset) = $4 ORDER BY eb_offset DESC LIMIT 1",
                    Tuple.of(platformRunId, topic, partition, g.getInteger("len")))
                .map(rows -> {
                  Row last = rows.iterator().next();
                  return new LastAdmitted(topic, partition, n, last.getString("eb_offset"), last.getString("event_id"));
                }));
          }
          return Future.all(each).map(all -> each.stream().map(Future::result).toList());
        });
  }

  private Future<RowSet<Row>> batch(SqlClient client, String sql, List<Tuple> tuples) {
    return client.preparedQuery(db.dialect().sql(sql)).executeBatch(tuples);
  }

  private static AdmissionRow row(Row r) {
    String stored = r.getString("state");
    String offset = r.getString("eb_offset");
    EbRef eb = offset == null ? null : new EbRef(r.getString("eb_topic"), r.getInteger("eb_partition"), offset,
        r.getString("eb_offset_kind"), r.getString("eb_published_at_utc"));
    Integer failed = r.getInteger("receipt_write_failed");
    return new AdmissionRow(r.getString("dedupe_key"), AdmissionState.parse(stored).orElse(null), stored,
        r.getString("platform_run_id"), r.getString("event_class"), r.getString("event_id"), r.getString("event_type"),
        r.getString("payload_hash"), r.getString("eb_topic"), eb, r.getString("admitted_at_utc"),
        r.getString("receipt_id"), r.getString("receipt_ref"), failed != null && failed != 0,
        r.getString("state_reason"));
  }
}
