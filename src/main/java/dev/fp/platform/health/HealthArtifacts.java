package dev.fp.platform.health;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the health convention under {@code runs/fraud-platform/<run>/<component>/}:
 * {@code health/last_health.json} and {@code metrics/last_metrics.json}, rewritten whole on every export.
 * Blocking file I/O: call from a worker.
 */
public final class HealthArtifacts {
  private final Path platformRoot;
  private final Clock clock;

  public HealthArtifacts(Path platformRoot, Clock clock) {
    this.platformRoot = platformRoot;
    this.clock = clock;
  }

  public Path componentDir(String runId, String component) {
    return platformRoot.resolve(runId).resolve(component);
  }

  public void write(String runId, String component, HealthReport report) {
    write(runId, component, report, Map.of(), Map.of());
  }

  /**
   * As {@link #write(String, String, HealthReport)}, with extra top-level fields in each file (e.g. the reference's
   * {@code reconciliation_totals} in the health file, a consumer's lag in the metrics file).
   */
  public void write(String runId, String component, HealthReport report, Map<String, Object> healthExtras,
                    Map<String, Object> metricsExtras) {
    String now = Timestamps.now(clock);
    Map<String, Object> health = new LinkedHashMap<>(healthExtras);
    health.put("generated_at_utc", now);
    health.put("platform_run_id", runId);
    health.put("health_state", report.state().name());
    health.put("health_reasons", report.reasons());
    health.put("metrics", report.metrics());
    JsonFiles.write(componentDir(runId, component).resolve("health/last_health.json"), health);
    Map<String, Object> metrics = new LinkedHashMap<>(metricsExtras);
    metrics.put("generated_at_utc", now);
    metrics.put("platform_run_id", runId);
    metrics.put("metrics", report.metrics());
    JsonFiles.write(componentDir(runId, component).resolve("metrics/last_metrics.json"), metrics);
  }

  /** The last exported health, or UNKNOWN with reason {@code HEALTH_FILE_MISSING}. */
  @SuppressWarnings("unchecked")
  public HealthReport read(String runId, String component) {
    Path file = componentDir(runId, component).resolve("health/last_health.json");
    if (!Files.isRegularFile(file)) {
      return new HealthReport(HealthState.UNKNOWN, List.of("HEALTH_FILE_MISSING"), Map.of());
    }
    Map<String, Object> m = JsonFiles.read(file);
    return new HealthReport(HealthState.valueOf(String.valueOf(m.get("health_state"))),
        (List<String>) m.getOrDefault("health_reasons", List.of()),
        (Map<String, Object>) m.getOrDefault("metrics", Map.of()));
  }
}
