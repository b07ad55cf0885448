package dev.fp.rtdl.csfb;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** CSFB on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedCsfbTest extends CsfbContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
