package dev.fp.substrate.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance suite on RocksDB in a temp directory, plus what only RocksDB has: one owning process. */
class RocksDbStateStoreTest extends StateStoreConformanceTest {
  @TempDir
  Path dir;

  RocksDbSettings settings() {
    return RocksDbSettings.defaults(dir.resolve("rocksdb"));
  }

  @Override
  protected Future<StateStore> openStore(Vertx vertx) {
    return StateStores.create(vertx, StateSettings.rocksdb(settings()), Clock.systemUTC());
  }

  @Test
  void shouldRefuseASecondWriterAndNameTheDirectory() throws Exception {
    Throwable err = failure(openStore(vertx));

    assertThat(err).isInstanceOf(StateStoreException.class).hasMessageContaining(dir.resolve("rocksdb").toString())
        .hasMessageContaining("another process owns the directory");
  }

  @Test
  void shouldLetAReadOnlyInstanceReadWhatTheOwnerCommittedAndRefuseWrites() throws Exception {
    Table<String, Doc> t = docs("secondary");
    await(store.commit(new WriteBatch().put(t, "k", new Doc("A", 1))));

    StateStore reader = await(StateStores.openReadOnly(vertx, StateSettings.rocksdb(settings())));
    try {
      assertThat(reader.tableNames()).contains(t.name());
      assertThat(await(reader.get(t, "k"))).isEqualTo(new Doc("A", 1));
      assertThat(failure(reader.commit(new WriteBatch().put(t, "k", new Doc("B", 2)))))
          .hasMessageContaining("read-only");
      assertThat(failure(reader.ensureTables(List.of(Table.untyped("other"))))).hasMessageContaining("read-only");
    } finally {
      await(reader.close());
    }
    assertThat(await(store.get(t, "k"))).isEqualTo(new Doc("A", 1));
  }

  /**
   * With room for one waiting batch, 200 commits issued back to back outrun the synced writer: the ones refused fail
   * with {@link StateStoreSaturatedException} and leave nothing behind; every accepted one is written.
   */
  @Test
  void shouldRefuseBatchesBeyondTheWritersQueueAndWriteNothingOfThem() throws Exception {
    await(store.close());
    RocksDbSettings d = settings();
    store = await(StateStores.create(vertx, StateSettings.rocksdb(new RocksDbSettings(d.path(), d.blockCacheBytes(),
        d.memtableBytes(), d.maxOpenFiles(), 1, d.readThreads())), Clock.systemUTC()));
    Table<String, Doc> t = docs("saturated");
    List<Future<Void>> commits = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      commits.add(store.commit(new WriteBatch().put(t, "k" + i, new Doc("A", i))));
    }
    await(Future.join(commits).otherwiseEmpty());

    Map<String, Doc> written = await(store.multiGet(t, java.util.stream.IntStream.range(0, 200).mapToObj(i -> "k" + i)
        .toList()));
    for (int i = 0; i < 200; i++) {
      Future<Void> c = commits.get(i);
      if (c.succeeded()) {
        assertThat(written).containsEntry("k" + i, new Doc("A", i));
      } else {
        assertThat(c.cause()).isInstanceOf(StateStoreSaturatedException.class);
        assertThat(written).doesNotContainKey("k" + i);
      }
    }
    assertThat(commits).anyMatch(Future::failed).anyMatch(Future::succeeded);
  }

  @Test
  void shouldRefuseToOpenReadOnlyWhereNoStoreExists() throws Exception {
    RocksDbSettings nowhere = RocksDbSettings.defaults(dir.resolve("missing"));

    assertThat(failure(StateStores.openReadOnly(vertx, StateSettings.rocksdb(nowhere))))
        .hasMessageContaining("no RocksDB state store at " + dir.resolve("missing"));
  }
}
