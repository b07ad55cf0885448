package dev.fp.control.wsp.store;

import dev.fp.substrate.sql.SqlConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** WSP's SQL on the embedded SQLite file. */
class SqliteWspStoreTest extends WspStoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected SqlConfig config() {
    return new SqlConfig("sqlite", dir.resolve("platform.db"), null);
  }
}
