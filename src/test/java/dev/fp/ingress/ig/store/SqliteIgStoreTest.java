package dev.fp.ingress.ig.store;

import dev.fp.substrate.sql.SqlConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteIgStoreTest extends IgStoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected SqlConfig config() {
    return new SqlConfig("sqlite", dir.resolve("state/platform.db"), null);
  }
}
