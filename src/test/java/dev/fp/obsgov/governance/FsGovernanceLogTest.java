package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The governance log on the embedded object store (directory tree). */
class FsGovernanceLogTest extends GovernanceLogContractTest {
  @TempDir
  static Path scratch;

  @Override
  protected ObjectStoreConfig config() {
    return GovernanceStores.fs(scratch.resolve("objects"));
  }
}
