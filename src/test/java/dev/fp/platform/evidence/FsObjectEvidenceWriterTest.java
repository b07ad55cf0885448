package dev.fp.platform.evidence;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

class FsObjectEvidenceWriterTest extends EvidenceWriterContractTest {
  @Override
  protected EvidenceLayout layout() {
    return EvidenceLayout.OBJECT;
  }

  @Override
  protected ObjectStoreConfig storeConfig(Path dir) {
    return new ObjectStoreConfig("fs", dir.resolve("objects"), null, 5, 50);
  }

  @Test
  void shouldWriteOneCanonicalObjectPerRecordAtTheReferencePath() throws Exception {
    await(writer.write(prefix, "r1", record("r1", 1)));
    Path file = dir.resolve("objects").resolve(BUCKET).resolve(prefix + "/r1.json");
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1,\"note\":\"caf\\u00e9\",\"receipt_id\":\"r1\"}\n");
  }
}
