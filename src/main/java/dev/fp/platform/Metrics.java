package dev.fp.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;

/**
 * The process's one meter registry (Prometheus text format at {@code /metrics}). Components register meters with
 * the {@code fp_} prefix, base units and bounded tags; the run id appears only on the {@code fp_run_info} series.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Info runInfo;
  private final String profile;

  public Metrics(String profile) {
    this.profile = profile;
    registry.config().commonTags("profile", profile);
    // An info metric (name + _info, value 1) keeps the unbounded run id off every other series.
    runInfo = Info.builder().name("fp_run").help("the platform run this process works for")
        .labelNames("platform_run_id", "profile").register(registry.getPrometheusRegistry());
  }

  public MeterRegistry registry() { return registry; }

  /** Records the active run: {@code fp_run_info{platform_run_id=…} 1}, replacing the previous one. */
  public void activeRun(String platformRunId) {
    runInfo.setLabelValues(platformRunId, profile);
  }

  public String scrape() {
    return registry.scrape();
  }
}
