package dev.fp.platform.evidence;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves the segment index of an older build from the SQL store ({@code evidence_prefixes} and
 * {@code evidence_records} in platform.db or the PostgreSQL schema) into the StateStore, once, before anything reads
 * the index: a runs folder of that build then keeps its receipts, archive and audit records locatable and write-once.
 * Rows are copied in batches, then the SQL rows are deleted in one transaction; a copy interrupted by a kill is done
 * again from the start on the next open (the copies are the same rows, so repeating them changes nothing). The SQL
 * tables stay, empty: dropping them in a schema migration would lose the rows before they are copied.
 */
public final class EvidenceIndexMigration {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceIndexMigration.class);
  private static final int PAGE = 5_000;

  private EvidenceIndexMigration() {
  }

  /** Copies and then deletes the SQL index rows, if there are any; completes with the number of records moved. */
  public static Future<Long> run(Db db, StateStore store) {
    return db.query("SELECT prefix_id, prefix, max_segment FROM evidence_prefixes ORDER BY prefix_id", Tuple.tuple())
        .compose(rows -> {
          List<Row> prefixes = new ArrayList<>();
          rows.forEach(prefixes::add);
          if (prefixes.isEmpty()) {
            return Future.succeededFuture(0L);
          }
          long[] moved = {0};
          Future<Void> chain = store.ensureTables(EvidenceIndex.TABLES);
          for (Row p : prefixes) {
            chain = chain.compose(v -> copyPrefix(db, store, p.getLong("prefix_id"), p.getString("prefix"),
                p.getLong("max_segment"), "", moved));
          }
          return chain.compose(v -> db.withTransaction("evidence index migration", conn ->
                  db.query(conn, "DELETE FROM evidence_records", Tuple.tuple())
                      .compose(d -> db.query(conn, "DELETE FROM evidence_prefixes", Tuple.tuple())).mapEmpty()))
              .map(v -> {
                LOG.info("moved the segment evidence index of an older build ({} records under {} prefixes) from {} "
                    + "into the StateStore ({})", moved[0], prefixes.size(), db.description(), store.description());
                return moved[0];
              });
        });
  }

  private static Future<Void> copyPrefix(Db db, StateStore store, long prefixId, String prefix, long maxSegment,
                                         String after, long[] moved) {
    return db.query("SELECT record_id, segment_seq, line_no, digest FROM evidence_records WHERE prefix_id = $1 AND "
        + "record_id > $2 ORDER BY record_id LIMIT " + PAGE, Tuple.of(prefixId, after)).compose(rows -> {
          WriteBatch batch = new WriteBatch();
          String last = null;
          for (Row r : rows) {
            last = r.getString("record_id");
            batch.put(EvidenceIndex.RECORDS, new EvidenceIndex.RecordKey(prefix, last),
                new EvidenceIndex.Place(r.getLong("segment_seq"), r.getInteger("line_no"), r.getString("digest")));
          }
          moved[0] += rows.size();
          if (last == null) {
            return store.commit(new WriteBatch().put(EvidenceIndex.SEGMENTS, prefix, maxSegment));
          }
          String next = last;
          return store.commit(batch).compose(v -> copyPrefix(db, store, prefixId, prefix, maxSegment, next, moved));
        });
  }
}
