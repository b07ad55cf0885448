package dev.fp.platform.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthArtifactsTest {
  @TempDir
  Path dir;
  HealthArtifacts health;

  @org.junit.jupiter.api.BeforeEach
  void setUp() {
    health = new HealthArtifacts(dir, Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
  }

  @Test
  void shouldWriteTheConventionFilesSortedIndentedWithTrailingNewline() throws Exception {
    health.write("platform_20260101T000000Z", "case_trigger",
        new HealthReport(HealthState.AMBER, List.of("NO_TRAFFIC_YET"), Map.of("triggers_seen", 0, "b", 1)));
    Path file = dir.resolve("platform_20260101T000000Z/case_trigger/health/last_health.json");
    assertThat(Files.readString(file)).isEqualTo("""
        {
          "generated_at_utc" : "2026-01-01T00:00:01.000000Z",
          "health_reasons" : [ "NO_TRAFFIC_YET" ],
          "health_state" : "AMBER",
          "metrics" : {
            "b" : 1,
            "triggers_seen" : 0
          },
          "platform_run_id" : "platform_20260101T000000Z"
        }
        """);
    assertThat(dir.resolve("platform_20260101T000000Z/case_trigger/metrics/last_metrics.json")).exists();
    HealthReport back = health.read("platform_20260101T000000Z", "case_trigger");
    assertThat(back.state()).isEqualTo(HealthState.AMBER);
    assertThat(back.metrics()).containsEntry("triggers_seen", 0);
  }

  @Test
  void shouldReadMissingFileAsUnknown() {
    HealthReport r = health.read("platform_20260101T000000Z", "label_store");
    assertThat(r.state()).isEqualTo(HealthState.UNKNOWN);
    assertThat(r.reasons()).containsExactly("HEALTH_FILE_MISSING");
  }

  @Test
  void shouldLeaveNoTempFilesBehind() throws Exception {
    health.write("platform_20260101T000000Z", "dla", new HealthReport(HealthState.GREEN, List.of(), Map.of()));
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().contains(".tmp"))).isEmpty();
    }
  }
}
