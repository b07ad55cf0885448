package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

class FsSegmentEvidenceWriterTest extends EvidenceWriterContractTest {
  @Override
  protected EvidenceLayout layout() {
    return EvidenceLayout.SEGMENT;
  }

  @Override
  protected ObjectStoreConfig storeConfig(Path dir) {
    return new ObjectStoreConfig("fs", dir.resolve("objects"), null, 5, 50);
  }

  @Test
  void shouldAppendABatchAsJsonLinesOfOneSegment() throws Exception {
    List<Future<EvidenceRef>> writes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      writes.add(writer.write(prefix, "r" + i, record("r" + i, i)));
    }
    await(writer.flush());
    assertThat(await(writes.get(2)).ref()).endsWith(prefix + "/segments/part-000001.jsonl#L3");
    Path segment = dir.resolve("objects").resolve(BUCKET).resolve(prefix + "/segments/part-000001.jsonl");
    assertThat(Files.readAllLines(segment)).containsExactly(
        "{\"n\":1,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r1\"}",
        "{\"n\":2,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r2\"}",
        "{\"n\":3,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r3\"}");
  }

  @Test
  void shouldFlushAsSoonAsTheSizeThresholdIsReached() throws Exception {
    EvidenceWriter small = newWriter(new EvidenceSettings(EvidenceLayout.SEGMENT, BUCKET, 2, 60_000, 1, 1));
    Future<EvidenceRef> a = small.write(prefix, "a", record("a", 1));
    Future<EvidenceRef> b = small.write(prefix, "b", record("b", 2));
    assertThat(await(b).ref()).endsWith("part-000001.jsonl#L2");
    assertThat(await(a).created()).isTrue();
    await(small.close());
  }

  @Test
  void shouldContinueNumberingAfterARestartAndSkipAnOrphanSegment() throws Exception {
    await(writer.write(prefix, "a", record("a", 1)));
    await(writer.close());
    // a crash after writing segment 2 but before indexing it leaves an orphan object
    await(store.putIfAbsent(BUCKET, prefix + "/segments/part-000002.jsonl", Buffer.buffer("{\"orphan\":1}\n")));
    writer = newWriter(EvidenceSettings.of(EvidenceLayout.SEGMENT, BUCKET));
    EvidenceRef b = await(writer.write(prefix, "b", record("b", 2)));
    assertThat(b.ref()).endsWith("part-000003.jsonl#L1");
    assertThat(await(writer.read(prefix, "a"))).contains(record("a", 1));
    assertThat(await(writer.read(prefix, "b"))).contains(record("b", 2));
    assertThat(await(writer.write(prefix, "a", record("a", 1))).created()).isFalse();
  }

  @Test
  void shouldCompleteAWriteOnlyOnceItsIndexRowIsDurable() throws Exception {
    EvidenceRef ref = await(writer.write(prefix, "r1", record("r1", 1)));
    EvidenceWriter other = newWriter(EvidenceSettings.of(EvidenceLayout.SEGMENT, BUCKET));
    assertThat(await(other.locate(prefix, "r1"))).contains(ref.ref());
    await(other.close());
  }

  @Test
  void shouldNeverAppendASecondLineForAnIdAlreadyIndexed() throws Exception {
    await(writer.write(prefix, "r1", record("r1", 1)));
    await(writer.close());
    writer = newWriter(EvidenceSettings.of(EvidenceLayout.SEGMENT, BUCKET));
    Future<EvidenceRef> same = writer.write(prefix, "r1", record("r1", 1));
    Future<EvidenceRef> other = writer.write(prefix, "r2", record("r2", 2));
    await(writer.flush());
    EvidenceWriter third = newWriter(EvidenceSettings.of(EvidenceLayout.SEGMENT, BUCKET));
    Throwable drift = dev.fp.testing.Await.failure(third.write(prefix, "r1", record("r1", 9)));
    await(third.close());

    assertThat(await(same).created()).isFalse();
    assertThat(await(same).ref()).endsWith("part-000001.jsonl#L1");
    assertThat(await(other).ref()).as("only the new record is appended").endsWith("part-000002.jsonl#L1");
    assertThat(drift).isInstanceOf(EvidenceDriftException.class);
    List<String> lines = new ArrayList<>();
    try (var segments = Files.list(dir.resolve("objects").resolve(BUCKET).resolve(prefix + "/segments"))) {
      for (Path seg : segments.sorted().toList()) {
        lines.addAll(Files.readAllLines(seg));
      }
    }
    assertThat(lines).containsExactly("{\"n\":1,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r1\"}",
        "{\"n\":2,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r2\"}");
  }
}
