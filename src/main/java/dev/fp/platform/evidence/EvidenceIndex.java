package dev.fp.platform.evidence;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.InList;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segment layout's index, table {@code evidence_index}: one row per record id under a prefix, naming its segment
 * (by sequence number) and 1-based line, plus the SHA-256 of the stored line so a re-write is checked for drift
 * without reading the segment. Rows are inserted only after their segment object is durable.
 */
final class EvidenceIndex {
  private final Db db;
  private final IndexTransactions transactions;

  /** Where a record lives. */
  record Entry(String id, long segmentSeq, int lineNo, String digest) {
  }

  EvidenceIndex(Db db, IndexTransactions transactions) {
    this.db = db;
    this.transactions = transactions;
  }

  /** The highest segment number used under the prefix, or 0. */
  Future<Long> maxSegment(String prefix) {
    return db.query("SELECT MAX(segment_seq) AS m FROM evidence_index WHERE prefix = $1", Tuple.of(prefix))
        .map(rows -> {
          Long max = rows.iterator().hasNext() ? rows.iterator().next().getLong("m") : null;
          return max == null ? 0L : max;
        });
  }

  /** The entries that exist among {@code ids}. */
  Future<Map<String, Entry>> find(String prefix, List<String> ids) {
    Map<String, Entry> found = new HashMap<>();
    List<Future<?>> lookups = new ArrayList<>();
    for (List<String> chunk : InList.chunks(ids)) {
      String sql = "SELECT record_id, segment_seq, line_no, digest FROM evidence_index WHERE prefix = $1 AND record_id IN ("
          + InList.placeholders(2, chunk.size()) + ")";
      lookups.add(db.query(sql, InList.tuple(List.of(prefix), chunk)).onSuccess(rows -> rows.forEach(r -> {
        Entry e = entry(r);
        found.put(e.id(), e);
      })));
    }
    return Future.all(lookups).map(found);
  }

  /**
   * Indexes the entries of one new segment in one transaction, first write wins: returns the entries that were
   * already indexed (in an earlier segment), which keep their place. The common case (all new) costs the batched
   * insert and one count per chunk; only a short count looks the chunk up.
   */
  Future<Map<String, Entry>> insert(String prefix, long segmentSeq, List<Entry> entries) {
    List<Tuple> tuples = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      tuples.add(Tuple.of(prefix, e.id(), e.segmentSeq(), e.lineNo(), e.digest()));
    }
    String sql = db.dialect().sql("INSERT INTO evidence_index (prefix, record_id, segment_seq, line_no, digest) "
        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (prefix, record_id) DO NOTHING");
    List<String> ids = entries.stream().map(Entry::id).toList();
    Map<String, Entry> earlier = new HashMap<>();
    return transactions.run("evidence index " + prefix, conn -> conn.preparedQuery(sql).executeBatch(tuples)
        .compose(v -> Future.all(InList.chunks(ids).stream().map(chunk -> earlier(conn, prefix, segmentSeq, chunk)
            .onSuccess(earlier::putAll)).toList())).mapEmpty()).map(earlier);
  }

  private Future<Map<String, Entry>> earlier(io.vertx.sqlclient.SqlClient conn, String prefix, long segmentSeq,
                                             List<String> chunk) {
    String where = " FROM evidence_index WHERE prefix = $1 AND record_id IN (" + InList.placeholders(2, chunk.size())
        + ")";
    return db.query(conn, "SELECT COUNT(*) AS n" + where + " AND segment_seq = $" + (2 + InList.padded(chunk.size())),
            InList.tuple(List.of(prefix), chunk).addLong(segmentSeq))
        .compose(count -> count.iterator().next().getLong("n") == chunk.size() ? Future.succeededFuture(Map.of())
            : db.query(conn, "SELECT record_id, segment_seq, line_no, digest" + where, InList.tuple(List.of(prefix), chunk))
                .map(rows -> {
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

  private static Entry entry(Row r) {
    return new Entry(r.getString("record_id"), r.getLong("segment_seq"), r.getInteger("line_no"), r.getString("digest"));
  }
}
