package dev.fp.rtdl.aw;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** AW on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedArchiveWriterTest extends ArchiveWriterContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
