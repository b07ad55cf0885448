package dev.fp.platform.stream;

import dev.fp.platform.health.HealthReport;

import java.util.Map;

/**
 * What a component's artifacts function returns for one {@link StreamStatus}: its health (written to
 * {@code <component>/health/last_health.json} with {@code healthExtras} as extra top-level fields) and any other files
 * as JSON documents by path relative to the run folder (e.g. {@code archive/reconciliation/…json}).
 */
public record Artifacts(HealthReport health, Map<String, Object> healthExtras, Map<String, Object> files) {
  public Artifacts {
    healthExtras = Map.copyOf(healthExtras);
    files = Map.copyOf(files);
  }

  public static Artifacts of(HealthReport health) {
    return new Artifacts(health, Map.of(), Map.of());
  }
}
