package dev.fp.ingress.ig;

import dev.fp.ingress.ig.store.IgTables;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.state.RocksDbSettings;
import dev.fp.substrate.state.StateSettings;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import dev.fp.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A runs folder of an older build (admissions in platform.db, no IG tables in RocksDB) is refused, never half read. */
class OlderStateCheckTest {
  @TempDir
  Path dir;
  Vertx vertx;
  Db db;
  StateStore state;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = await(Db.open(vertx, new SqlConfig("sqlite", dir.resolve("runs/state/platform.db"), null)));
    state = await(StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(
        dir.resolve("runs/state/rocksdb"))), Clock.systemUTC()));
  }

  @AfterEach
  void close() throws Exception {
    await(state.close());
    await(db.close());
    await(vertx.close());
  }

  @Test
  void shouldRefuseAdmissionsOfAnOlderBuildAndNameWhatToMoveAway() throws Exception {
    await(db.query("INSERT INTO ig_admissions (key_prefix, dedupe_key, state, platform_run_id, event_class, event_id, "
        + "event_type, payload_hash, claim_token, created_at_utc, updated_at_utc, eb_topic) VALUES ($1, $2, 'ADMITTED', "
        + "'run', 'traffic_fraud', 'e1', 't', 'h', 'tok', 'a', 'b', 'topic')", Tuple.of("abc", "abcdef")));

    Throwable refused = Await.failure(OlderStateCheck.check(db, state, dir.resolve("runs")));

    assertThat(refused).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IG state of an older build")
        .hasMessageContaining("mv " + dir.resolve("runs") + " " + dir.resolve("runs") + ".old");
  }

  @Test
  void shouldAcceptAFreshFolderAndOneWhoseStateStoreHasIgsTables() throws Exception {
    await(OlderStateCheck.check(db, state, dir.resolve("runs")));
    await(state.ensureTables(IgTables.ALL));
    await(db.query("INSERT INTO ig_admissions (key_prefix, dedupe_key, state, platform_run_id, event_class, event_id, "
        + "event_type, payload_hash, claim_token, created_at_utc, updated_at_utc, eb_topic) VALUES ($1, $2, 'ADMITTED', "
        + "'run', 'traffic_fraud', 'e1', 't', 'h', 'tok', 'a', 'b', 'topic')", Tuple.of("abc", "abcdef")));
    await(OlderStateCheck.check(db, state, dir.resolve("runs")));
  }
}
