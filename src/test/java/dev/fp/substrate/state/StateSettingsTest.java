package dev.fp.substrate.state;

import dev.fp.config.ConfigException;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateSettingsTest {
  private static final long MIB = 1024L * 1024;
  @TempDir
  Path dir;

  @Test
  void shouldPutRocksDbUnderTheRunsRootOnTheEmbeddedProfile() {
    PlatformConfig cfg = ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", "/tmp/fp-x"));

    assertThat(cfg.state().kind()).isEqualTo("rocksdb");
    assertThat(cfg.state().rocksdb()).isEqualTo(new RocksDbSettings(Path.of("/tmp/fp-x/state/rocksdb"), 256 * MIB,
        128 * MIB, 1024, RocksDbSettings.DEFAULT_MAX_PENDING_BATCHES, RocksDbSettings.DEFAULT_READ_THREADS));
    assertThat(cfg.state().rocksdb().budgetBytes()).isEqualTo(384 * MIB);
  }

  @Test
  void shouldUseTheSqlStoresPostgresOnTheParityProfile() {
    PlatformConfig cfg = ConfigLoader.load("local_parity", null, Map.of("FP_PG_PORT", "5432", "FP_PG_SCHEMA", "s1"));

    assertThat(cfg.state().kind()).isEqualTo("postgres");
    assertThat(cfg.state().postgres()).isEqualTo(cfg.sql().postgres());
    assertThat(cfg.state().endpoint()).isEqualTo("127.0.0.1:5432/platform?schema=s1");
  }

  @Test
  void shouldFollowTheSqlStoreWhenTheSectionIsAbsent() throws Exception {
    write("profile: t\nruns_root: /r\nsubstrate:\n  sql: {kind: sqlite}\n");

    StateSettings s = ConfigLoader.load("t", dir, Map.of()).state();

    assertThat(s).isEqualTo(StateSettings.rocksdb(RocksDbSettings.defaults(Path.of("/r/state/rocksdb"))));
  }

  @Test
  void shouldNameTheKeyOfABadSetting() throws Exception {
    write("profile: t\nsubstrate:\n  state:\n    rocksdb: {block_cache_mb: lots}\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("substrate.state.rocksdb.block_cache_mb: expected an integer, got \"lots\"");

    write("profile: t\nsubstrate:\n  state:\n    rocksdb: {max_open_files: 3}\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessage("substrate.state.rocksdb.max_open_files: must be -1 (all) or at least 16, got 3");

    write("profile: t\nsubstrate:\n  state:\n    kind: postgres\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of())).hasMessageStartingWith(
        "substrate.state.kind: postgres needs substrate.sql.kind=postgres");

    write("profile: t\nsubstrate:\n  state:\n    rocksdb: {block_cache: 5}\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessageStartingWith("substrate.state.rocksdb.block_cache: unknown key");
  }

  private void write(String yaml) throws Exception {
    Files.writeString(dir.resolve("t.yaml"), yaml);
  }
}
