package dev.fp.platform.stream;

import java.nio.file.Path;

/** The shell on the embedded substrate: RocksDB state, file log, SQLite leases. */
class RocksDbStreamShellTest extends StreamShellContractTest {
  @Override
  StreamPlatform open(Path dir) throws Exception {
    return StreamPlatform.embedded(dir);
  }
}
