package dev.fp.rtdl.dl;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** DL on the embedded substrate: RocksDB, SQLite. */
class EmbeddedDegradeLadderTest extends DegradeLadderContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
