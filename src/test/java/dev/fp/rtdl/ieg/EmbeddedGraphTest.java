package dev.fp.rtdl.ieg;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** IEG on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedGraphTest extends GraphContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
