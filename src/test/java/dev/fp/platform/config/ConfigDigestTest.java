package dev.fp.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDigestTest {
  @TempDir
  Path dir;

  @Test
  void shouldNotChangeWhenTheRunFoldersComeIntoExistence() throws Exception {
    Map<String, String> env = Map.of("FP_RUNS_ROOT", dir.resolve("runs").toString());
    String before = ConfigDigest.of(ConfigLoader.load("embedded", null, env));
    for (String sub : new String[] {"bus", "objects", "state/rocksdb"}) {
      Files.createDirectories(dir.resolve("runs").resolve(sub));
    }
    String after = ConfigDigest.of(ConfigLoader.load("embedded", null, env));

    assertThat(after).isEqualTo(before);
  }

  @Test
  void shouldChangeWithTheConfiguration() {
    String a = ConfigDigest.of(ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", dir.toString())));
    String b = ConfigDigest.of(ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", dir.resolve("x").toString())));

    assertThat(a).isNotEqualTo(b);
  }
}
