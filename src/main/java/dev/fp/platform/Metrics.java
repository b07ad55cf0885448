package dev.fp.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's one meter registry (Prometheus text format at {@code /metrics}). Components register meters with
 * the {@code fp_} prefix, base units and bounded tags; the run id appears only on {@code fp_run_info}.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<String> runId = new AtomicReference<>("-");

  public Metrics(String profile) {
    registry.config().commonTags("profile", profile);
  }

  public MeterRegistry registry() { return registry; }

  /** Records the active run on an info gauge (one series per run, so bounded by runs per process). */
  public void activeRun(String platformRunId) {
    if (runId.getAndSet(platformRunId).equals(platformRunId)) {
      return;
    }
    Gauge.builder("fp_run_info", () -> 1).tag("platform_run_id", platformRunId)
        .description("1 for each run this process has worked for").register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }
}
