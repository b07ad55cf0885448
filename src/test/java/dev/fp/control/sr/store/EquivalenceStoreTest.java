package dev.fp.control.sr.store;

import dev.fp.control.sr.core.SrException;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The equivalence registry (control_ingress §3.2) on SQLite. */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
class EquivalenceStoreTest {
  @TempDir
  Path tmp;
  Vertx vertx;
  Db db;
  EquivalenceStore registry;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    db = await(Db.open(vertx, new SqlConfig("sqlite", tmp.resolve("state.db"), null)));
    registry = new EquivalenceStore(db);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(db.close());
  }

  @Test
  void shouldRegisterAKeyOnceAndReturnItsRunIdAgain() throws Exception {
    assertThat(await(registry.register("k", "r1", "f", "t1"))).isEqualTo("r1");
    assertThat(await(registry.register("k", "r1", "f", "t2"))).isEqualTo("r1");

    var row = await(db.query("SELECT first_seen_at, last_seen_at FROM sr_run_equivalence WHERE run_equivalence_key = $1",
        Tuple.of("k"))).iterator().next();
    assertThat(row.getString(0)).isEqualTo("t1");
    assertThat(row.getString(1)).isEqualTo("t2");
  }

  @Test
  void shouldRefuseAKnownKeyForAnotherIntent() throws Exception {
    await(registry.register("k", "r1", "f", "t1"));

    assertThatThrownBy(() -> await(registry.register("k", "r1", "g", "t2"))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("EQUIV_KEY_COLLISION");
  }
}
