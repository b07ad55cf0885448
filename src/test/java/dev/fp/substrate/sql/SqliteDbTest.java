package dev.fp.substrate.sql;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteDbTest extends DbConformanceTest {
  @TempDir
  Path dir;

  @Override
  protected SqlConfig config() {
    return new SqlConfig("sqlite", dir.resolve("state/platform.db"), null);
  }
}
