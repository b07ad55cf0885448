package dev.fp.rtdl.ofp;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** OFP on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedOfpTest extends OfpContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
