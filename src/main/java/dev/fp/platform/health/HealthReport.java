package dev.fp.platform.health;

import java.util.List;
import java.util.Map;

/** A component's health at one moment, computed from this run's durable counters. */
public record HealthReport(HealthState state, List<String> reasons, Map<String, Object> metrics) {
  public HealthReport {
    reasons = List.copyOf(reasons);
    metrics = Map.copyOf(metrics);
  }
}
