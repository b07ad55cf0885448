package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStoreConfig;
import dev.fp.substrate.objectstore.ObjectStores;
import dev.fp.substrate.state.RocksDbSettings;
import dev.fp.substrate.state.StateSettings;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link EvidenceWriter} layout guarantees, run against each layout and object store. */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
abstract class EvidenceWriterContractTest {
  static final String BUCKET = "fraud-platform";
  @TempDir
  Path dir;
  Vertx vertx;
  ObjectStore store;
  StateStore state;
  EvidenceWriter writer;
  String prefix;

  protected abstract EvidenceLayout layout();

  protected abstract ObjectStoreConfig storeConfig(Path dir);

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    store = ObjectStores.create(vertx, storeConfig(dir));
    await(store.ensureBucket(BUCKET));
    state = await(StateStores.create(vertx, StateSettings.rocksdb(RocksDbSettings.defaults(dir.resolve("state/rocksdb"))),
        java.time.Clock.systemUTC()));
    writer = newWriter(EvidenceSettings.of(layout(), BUCKET));
    prefix = "platform_20260101T000000Z/t" + UUID.randomUUID().toString().substring(0, 8) + "/receipts";
  }

  @AfterEach
  void close() throws Exception {
    await(writer.close());
    await(state.close());
    await(store.close());
  }

  EvidenceWriter newWriter(EvidenceSettings settings) {
    return EvidenceWriters.create(vertx, store, Future.succeededFuture(state), settings);
  }

  @Test
  void shouldReadBackWhatItWrote() throws Exception {
    EvidenceRef ref = await(writer.write(prefix, "r1", record("r1", 1)));
    assertThat(ref.created()).isTrue();
    assertThat(ref.ref()).contains(prefix);
    assertThat(await(writer.read(prefix, "r1"))).contains(record("r1", 1));
    assertThat(await(writer.locate(prefix, "r1"))).contains(ref.ref());
  }

  @Test
  void shouldReportAbsentRecordsAsEmpty() throws Exception {
    assertThat(await(writer.read(prefix, "nope"))).isEmpty();
    assertThat(await(writer.locate(prefix, "nope"))).isEmpty();
  }

  @Test
  void shouldAcceptAnIdenticalRewriteWithoutWriting() throws Exception {
    EvidenceRef first = await(writer.write(prefix, "r1", record("r1", 1)));
    EvidenceRef again = await(writer.write(prefix, "r1", record("r1", 1)));
    assertThat(again.created()).isFalse();
    assertThat(again.ref()).isEqualTo(first.ref());
  }

  @Test
  void shouldRefuseADifferingRewriteAndKeepTheFirstRecord() throws Exception {
    EvidenceRef first = await(writer.write(prefix, "r1", record("r1", 1)));
    assertThatThrownBy(() -> await(writer.write(prefix, "r1", record("r1", 2))))
        .isInstanceOfSatisfying(EvidenceDriftException.class, e -> {
          assertThat(e.existingRef()).isEqualTo(first.ref());
          assertThat(e.id()).isEqualTo("r1");
        });
    assertThat(await(writer.read(prefix, "r1"))).contains(record("r1", 1));
  }

  /** Hook for servers that do not keep concurrent conditional writes atomic (S3Mock); a no-op by default. */
  protected void assumeAtomicConditionalWrites() {
  }

  @Test
  void shouldSettleConcurrentWritesOfOneIdAgainstEachOther() throws Exception {
    assumeAtomicConditionalWrites();
    List<Integer> contents = List.of(1, 1, 9);
    List<Future<EvidenceRef>> writes = new ArrayList<>();
    contents.forEach(n -> writes.add(writer.write(prefix, "same", record("same", n))));
    await(Future.join(writes).otherwiseEmpty());
    Map<String, Object> stored = await(writer.read(prefix, "same")).orElseThrow();
    int created = 0;
    for (int i = 0; i < writes.size(); i++) {
      Future<EvidenceRef> w = writes.get(i);
      boolean sameAsStored = record("same", contents.get(i)).equals(stored);
      assertThat(w.succeeded()).as("write %d", i).isEqualTo(sameAsStored);
      if (!sameAsStored) {
        assertThat(w.cause()).isInstanceOf(EvidenceDriftException.class);
      } else if (w.result().created()) {
        created++;
      }
    }
    assertThat(created).isEqualTo(1);
  }

  @Test
  void shouldWriteManyRecordsAcrossPrefixesAndFindEachOne() throws Exception {
    List<Future<EvidenceRef>> writes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      writes.add(writer.write(prefix + (i % 2 == 0 ? "" : "-b"), "r" + i, record("r" + i, i)));
    }
    await(writer.flush());
    await(Future.all(writes));
    for (int i = 0; i < 300; i += 37) {
      assertThat(await(writer.read(prefix + (i % 2 == 0 ? "" : "-b"), "r" + i))).contains(record("r" + i, i));
    }
  }

  @Test
  void shouldRejectBadIds() {
    assertThatThrownBy(() -> writer.write(prefix, "../x", record("x", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.write("/abs", "x", record("x", 1))).isInstanceOf(IllegalArgumentException.class);
  }

  static Map<String, Object> record(String id, int n) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("receipt_id", id);
    r.put("n", n);
    r.put("note", "caf\u00e9");
    return r;
  }
}
