package dev.fp.platform.evidence;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.InList;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segment layout's index: table {@code evidence_prefixes} numbers each prefix once (and keeps its highest segment
 * number), {@code evidence_records} holds one row per record id under a prefix, naming its segment (by sequence
 * number) and 1-based line, plus the SHA-256 of the stored line so a re-write is checked for drift without reading
 * the segment. Rows are inserted only after their segment object is durable. Records are keyed by (prefix number,
 * record id) so the unique index stays small: one random-key insert per record is the cost that matters here.
 */
final class EvidenceIndex {
  private final Db db;
  private final IndexTransactions transactions;
  /** Prefix → its number; a prefix is numbered once and never renumbered. */
  private final Map<String, Future<Long>> prefixIds = new ConcurrentHashMap<>();

  /** Where a record lives. */
  record Entry(String id, long segmentSeq, int lineNo, String digest) {
  }

  EvidenceIndex(Db db, IndexTransactions transactions) {
    this.db = db;
    this.transactions = transactions;
  }

  /** The highest segment number indexed under the prefix, or 0. */
  Future<Long> maxSegment(String prefix) {
    return db.query("SELECT max_segment FROM evidence_prefixes WHERE prefix = $1", Tuple.of(prefix))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("max_segment") : 0L);
  }

  /** The entries that exist among {@code ids} (a read never registers the prefix). */
  Future<Map<String, Entry>> find(String prefix, List<String> ids) {
    Future<Long> known = prefixIds.containsKey(prefix) ? prefixIds.get(prefix)
        : db.query("SELECT prefix_id FROM evidence_prefixes WHERE prefix = $1", Tuple.of(prefix))
            .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("prefix_id") : null);
    return known.compose(prefixId -> {
      Map<String, Entry> found = new HashMap<>();
      if (prefixId == null) {
        return Future.succeededFuture(found);
      }
      List<Future<?>> lookups = new ArrayList<>();
      for (List<String> chunk : InList.chunks(ids)) {
        lookups.add(db.query(select("record_id, segment_seq, line_no, digest", chunk.size()),
            InList.tuple(List.of(prefixId), chunk)).onSuccess(rows -> rows.forEach(r -> {
              Entry e = entry(r);
              found.put(e.id(), e);
            })));
      }
      return Future.all(lookups).map(found);
    });
  }

  /**
   * Indexes the entries of one new segment in one transaction, first write wins: returns the entries that were
   * already indexed (in an earlier segment), which keep their place. The common case (all new) costs the batched
   * insert and one count per chunk; only a short count looks the chunk up.
   */
  Future<Map<String, Entry>> insert(String prefix, long segmentSeq, List<Entry> entries) {
    return prefixId(prefix).compose(prefixId -> {
      List<Tuple> tuples = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        tuples.add(Tuple.of(prefixId, e.id(), e.segmentSeq(), e.lineNo(), e.digest()));
      }
      String sql = db.dialect().sql("INSERT INTO evidence_records (prefix_id, record_id, segment_seq, line_no, digest) "
          + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (prefix_id, record_id) DO NOTHING");
      String max = db.dialect().sql("UPDATE evidence_prefixes SET max_segment = $1 WHERE prefix_id = $2 "
          + "AND max_segment < $3");
      List<String> ids = entries.stream().map(Entry::id).toList();
      Map<String, Entry> earlier = new HashMap<>();
      return transactions.run("evidence index " + prefix, conn -> conn.preparedQuery(sql).executeBatch(tuples)
          .compose(v -> conn.preparedQuery(max).execute(Tuple.of(segmentSeq, prefixId, segmentSeq)))
          .compose(v -> Future.all(InList.chunks(ids).stream().map(chunk -> earlier(conn, prefixId, segmentSeq, chunk)
              .onSuccess(earlier::putAll)).toList())).mapEmpty()).map(earlier);
    });
  }

  private Future<Map<String, Entry>> earlier(SqlClient conn, long prefixId, long segmentSeq, List<String> chunk) {
    Tuple args = InList.tuple(List.of(prefixId), chunk);
    String count = select("COUNT(*) AS n", chunk.size()) + " AND segment_seq = $" + (2 + InList.padded(chunk.size()));
    return db.query(conn, count, InList.tuple(List.of(prefixId), chunk).addLong(segmentSeq))
        .compose(n -> n.iterator().next().getLong("n") == chunk.size() ? Future.succeededFuture(Map.of())
            : db.query(conn, select("record_id, segment_seq, line_no, digest", chunk.size()), args).map(rows -> {
              Map<String, Entry> found = new HashMap<>();
              rows.forEach(r -> {
                Entry e = entry(r);
                if (e.segmentSeq() != segmentSeq) {
                  found.put(e.id(), e);
                }
              });
              return found;
            }));
  }

  private static String select(String columns, int ids) {
    return "SELECT " + columns + " FROM evidence_records WHERE prefix_id = $1 AND record_id IN ("
        + InList.placeholders(2, ids) + ")";
  }

  /** The prefix's number, registering the prefix (in a transaction of its own) the first time a record is indexed. */
  private Future<Long> prefixId(String prefix) {
    Future<Long> id = prefixIds.computeIfAbsent(prefix, p -> db.withTransaction("evidence prefix " + p, conn ->
        db.query(conn, "INSERT INTO evidence_prefixes (prefix, max_segment) VALUES ($1, $2) ON CONFLICT (prefix) "
            + "DO NOTHING", Tuple.of(p, 0L))
            .compose(v -> db.query(conn, "SELECT prefix_id FROM evidence_prefixes WHERE prefix = $1", Tuple.of(p)))
            .map(rows -> rows.iterator().next().getLong("prefix_id"))));
    return id.onFailure(err -> prefixIds.remove(prefix, id));
  }

  private static Entry entry(Row r) {
    return new Entry(r.getString("record_id"), r.getLong("segment_seq"), r.getInteger("line_no"), r.getString("digest"));
  }
}
