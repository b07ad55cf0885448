package dev.fp.platform.evidence;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.state.RocksDbSettings;
import dev.fp.substrate.state.StateSettings;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A runs folder of the build that kept the segment index in SQL: its records stay locatable after the upgrade. */
@ExtendWith(VertxExtension.class)
class EvidenceIndexMigrationTest {
  @TempDir
  Path dir;

  @Test
  void shouldMoveAnOlderBuildsSqlIndexIntoTheStateStoreOnce(Vertx vertx) throws Exception {
    Db db = await(Db.open(vertx, new SqlConfig("sqlite", dir.resolve("platform.db"), null)));
    StateStore state = await(StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(
        dir.resolve("rocksdb"))), Clock.systemUTC()));
    try {
      // what the older build wrote: two prefixes, 12 001 records under the first (more than one copy page)
      await(db.query("INSERT INTO evidence_prefixes (prefix, max_segment) VALUES ($1, $2)", Tuple.of("r/ig/receipts",
          7L)));
      await(db.query("INSERT INTO evidence_prefixes (prefix, max_segment) VALUES ($1, $2)", Tuple.of("r/aw", 2L)));
      List<Tuple> rows = new ArrayList<>();
      for (int i = 0; i < 12_001; i++) {
        rows.add(Tuple.of(1L, "rcpt" + i, 1L + i % 7, 1 + i / 7, "d" + i));
      }
      await(db.pool().preparedQuery("INSERT INTO evidence_records (prefix_id, record_id, segment_seq, line_no, digest) "
          + "VALUES ($1, $2, $3, $4, $5)").executeBatch(rows));
      await(db.query("INSERT INTO evidence_records (prefix_id, record_id, segment_seq, line_no, digest) "
          + "VALUES ($1, $2, $3, $4, $5)", Tuple.of(2L, "offset=9", 2L, 3, "aw9")));

      assertThat(await(EvidenceIndexMigration.run(db, state))).isEqualTo(12_002L);

      EvidenceIndex index = new EvidenceIndex(Future.succeededFuture(state));
      Map<String, EvidenceIndex.Entry> found = await(index.find("r/ig/receipts", List.of("rcpt0", "rcpt12000",
          "absent")));
      assertThat(found).containsOnlyKeys("rcpt0", "rcpt12000")
          .containsEntry("rcpt12000", new EvidenceIndex.Entry("rcpt12000", 1L + 12_000 % 7, 1 + 12_000 / 7, "d12000"));
      assertThat(await(index.find("r/aw", List.of("offset=9")))).containsEntry("offset=9",
          new EvidenceIndex.Entry("offset=9", 2L, 3, "aw9"));
      assertThat(await(index.maxSegment("r/ig/receipts"))).isEqualTo(7L);
      assertThat(await(index.maxSegment("r/aw"))).isEqualTo(2L);
      assertThat(await(db.query("SELECT COUNT(*) AS n FROM evidence_records", Tuple.tuple())).iterator().next()
          .getLong("n")).isZero();
      // a second open finds nothing left to move
      assertThat(await(EvidenceIndexMigration.run(db, state))).isZero();
    } finally {
      await(state.close());
      await(db.close());
    }
  }
}
