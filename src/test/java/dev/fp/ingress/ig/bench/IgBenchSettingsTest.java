package dev.fp.ingress.ig.bench;

import dev.fp.ingress.ig.IgConfig;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fp bench ig --ig-set}: the shipped profiles already have a components.ig block (appending one was refused). */
class IgBenchSettingsTest {
  @TempDir
  Path dir;

  @Test
  void shouldReplaceAndAddKeysInTheShippedProfilesIgBlock() throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    try (Stream<Path> policies = Files.list(Path.of("conf/policies"))) {
      for (Path p : policies.toList()) {
        Files.copy(p, dir.resolve("policies").resolve(p.getFileName()));
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("max_cycles_in_flight", "8");
    settings.put("segment_flush_records", "100");
    Files.writeString(dir.resolve("embedded.yaml"), IgBench.withIgSettings(Files.readString(
        Path.of("conf/embedded.yaml")), settings));

    PlatformConfig cfg = ConfigLoader.load("embedded", dir, Map.of("FP_RUNS_ROOT", dir.resolve("runs").toString()));
    IgConfig ig = IgConfig.from(cfg.components().section("ig"), cfg);
    assertThat(ig.maxCyclesInFlight()).isEqualTo(8);
    assertThat(ig.evidence().flushRecords()).isEqualTo(100);
    assertThat(cfg.components().section("ig").string("class_map_file")).isEqualTo("policies/class_map_v0.yaml");
  }

  @Test
  void shouldCreateTheBlockWhereAProfileHasNone() {
    assertThat(IgBench.withIgSettings("http:\n  port: 1\n", Map.of("max_cycles_in_flight", "8")))
        .isEqualTo("http:\n  port: 1\n\ncomponents:\n  ig:\n    max_cycles_in_flight: 8\n");
    assertThat(IgBench.withIgSettings("components:\n  df:\n    a: 1\nhttp:\n  port: 1", Map.of("x", "2")))
        .isEqualTo("components:\n  df:\n    a: 1\n  ig:\n    x: 2\nhttp:\n  port: 1");
  }
}
