package dev.fp.rtdl.dla;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** DLA on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedDecisionLogAuditTest extends DecisionLogAuditContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.embedded(dir, components);
  }
}
