package dev.fp.ingress.ig.store;

import dev.fp.substrate.state.RocksDbSettings;
import dev.fp.substrate.state.StateSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** IG's tables on the embedded StateStore (RocksDB in a temp folder). */
class RocksDbIgStoreTest extends IgStoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected StateSettings settings() {
    return StateSettings.rocksdb(RocksDbSettings.defaults(dir.resolve("state/rocksdb")));
  }
}
