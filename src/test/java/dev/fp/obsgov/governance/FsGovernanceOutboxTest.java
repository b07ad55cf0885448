package dev.fp.obsgov.governance;

import dev.fp.substrate.objectstore.ObjectStoreConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The emitters' outbox to the governance log on the embedded object store (directory tree). */
class FsGovernanceOutboxTest extends GovernanceOutboxContractTest {
  @TempDir
  static Path scratch;

  @Override
  protected ObjectStoreConfig config() {
    return GovernanceStores.fs(scratch.resolve("objects"));
  }
}
