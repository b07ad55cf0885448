package dev.fp.substrate.state;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code fp state} shows: tables, one key, a prefix scan by whole key parts, on a RocksDB store. */
class StateInspectorTest {
  record Doc(String state) {
  }

  static final Table<byte[], Doc> T = new Table<>("ig_unsettled", KeyCodec.bytes(), ValueCodec.json(Doc.class));
  @TempDir
  Path dir;
  Vertx vertx;
  StateStore store;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    store = await(StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(dir.resolve("db"))),
        Clock.systemUTC()));
    await(store.ensureTables(List.of(T)));
    await(store.commit(new WriteBatch()
        .put(T, KeyTuple.of("run_a", "PUBLISH_AMBIGUOUS", "k1"), new Doc("PUBLISH_AMBIGUOUS"))
        .put(T, KeyTuple.of("run_a", "PUBLISH_AMBIGUOUS", "k2"), new Doc("PUBLISH_AMBIGUOUS"))
        .put(T, KeyTuple.of("run_a", "PUBLISH_IN_FLIGHT", "k3"), new Doc("PUBLISH_IN_FLIGHT"))
        .put(T, KeyTuple.of("run_ab", "PUBLISH_AMBIGUOUS", "k4"), new Doc("PUBLISH_AMBIGUOUS"))));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void shouldScanByWholeKeyPartsAndSayWhetherMoreRowsFollow() throws Exception {
    Map<String, Object> out = await(StateInspector.scan(store, "ig_unsettled", "run_a/PUBLISH_AMBIGUOUS", 1));
    assertThat(out.get("more")).isEqualTo(true);
    List<?> rows = (List<?>) out.get("rows");
    assertThat(rows).hasSize(1);
    assertThat(((Map<?, ?>) rows.get(0)).get("key")).isEqualTo(List.of("run_a", "PUBLISH_AMBIGUOUS", "k1"));
    assertThat(((Map<?, ?>) rows.get(0)).get("value").toString()).isEqualTo("{\"state\":\"PUBLISH_AMBIGUOUS\"}");
    Map<String, Object> run = await(StateInspector.scan(store, "ig_unsettled", "run_a", 100));
    assertThat((List<?>) run.get("rows")).as("run_ab is another run").hasSize(3);
    assertThat(run.get("more")).isEqualTo(false);
  }

  @Test
  void shouldGetOneKeyAndListTables() throws Exception {
    Map<String, Object> hit = await(StateInspector.get(store, "ig_unsettled", "run_ab/PUBLISH_AMBIGUOUS/k4"));
    assertThat(hit.get("found")).isEqualTo(true);
    assertThat(await(StateInspector.get(store, "ig_unsettled", "run_ab/x")).get("found")).isEqualTo(false);
    assertThat(StateInspector.tables(store).get("tables")).isEqualTo(List.of("ig_unsettled"));
  }

  @Test
  void shouldRefuseAnUnknownTableAndABadIntegerPart() {
    assertThatThrownBy(() -> StateInspector.scan(store, "nope", "", 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no state table nope");
    assertThatThrownBy(() -> StateInspector.encode("a/i:x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("i: must be followed by an integer");
  }
}
