package dev.fp.caselabels.ls;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** LS on the embedded substrate: RocksDB, SQLite. */
class EmbeddedLabelStoreTest extends LabelStoreContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
