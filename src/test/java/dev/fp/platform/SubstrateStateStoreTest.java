package dev.fp.platform;

import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The StateStore as the substrate's fourth port on the embedded profile. */
class SubstrateStateStoreTest {
  @TempDir
  Path runs;
  Vertx vertx;
  PlatformConfig cfg;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    cfg = ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", runs.toString()));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void shouldOpenTheStateStoreOnFirstUseUnderTheRunsRootAndCloseItWithTheSubstrate() throws Exception {
    Substrate substrate = await(Substrate.open(vertx, cfg));
    StateStore store = await(substrate.stateStore());

    assertThat(store.kind()).isEqualTo("rocksdb");
    assertThat(store.description()).isEqualTo("rocksdb " + runs.resolve("state/rocksdb"));
    assertThat(await(substrate.stateStore())).isSameAs(store);
    await(substrate.close());
    StateStore reopened = await(StateStores.create(vertx, cfg.state(), Clock.systemUTC()));
    await(reopened.close());
  }

  @Test
  void shouldNameTheStatePortWhenItsDirectoryIsOwnedElsewhere() throws Exception {
    StateStore owner = await(StateStores.create(vertx, cfg.state(), Clock.systemUTC()));
    Substrate substrate = await(Substrate.open(vertx, cfg));
    try {
      Throwable err = substrate.stateStore().toCompletionStage().handle((r, e) -> e).toCompletableFuture()
          .get(60, TimeUnit.SECONDS);

      assertThat(err).isInstanceOf(SubstrateUnavailableException.class);
      assertThat(((SubstrateUnavailableException) err).service()).isEqualTo("state");
      assertThat(err).hasMessageStartingWith("state unavailable at " + runs.resolve("state/rocksdb"));
    } finally {
      await(substrate.close());
      await(owner.close());
    }
  }

  /** A runs folder whose segment index is still in SQL (an older build): the first open of the store moves it. */
  @Test
  void shouldMoveAnOlderBuildsSqlEvidenceIndexWhenAWriterOpensTheStore() throws Exception {
    Substrate substrate = await(Substrate.open(vertx, cfg));
    try {
      await(substrate.db().query("INSERT INTO evidence_prefixes (prefix, max_segment) VALUES ($1, $2)",
          Tuple.of("r/ig/receipts", 1L)));
      await(substrate.db().query("INSERT INTO evidence_records (prefix_id, record_id, segment_seq, line_no, digest) "
          + "SELECT prefix_id, 'rcpt', 1, 1, 'd' FROM evidence_prefixes", Tuple.tuple()));

      StateStore store = await(substrate.stateStore());

      assertThat(store.tableNames()).contains("evidence_records", "evidence_segments");
      assertThat(await(substrate.db().query("SELECT COUNT(*) AS n FROM evidence_records", Tuple.tuple())).iterator()
          .next().getLong("n")).isZero();
    } finally {
      await(substrate.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
