package dev.fp.control.wsp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WSP's process counters as Prometheus meters ({@code fp_wsp_events_pushed_total{decision}},
 * {@code fp_wsp_push_retries_total}, {@code fp_wsp_ready_total{status}}) with bounded tags. Health is computed from
 * the durable store instead; these are rates for dashboards.
 */
final class WspCounters {
  private final MeterRegistry registry;
  private final Map<String, Counter> pushed = new ConcurrentHashMap<>();
  private final Map<String, Counter> readies = new ConcurrentHashMap<>();
  private final Counter retries;

  WspCounters(MeterRegistry registry) {
    this.registry = registry;
    this.retries = Counter.builder("fp_wsp_push_retries").description("IG pushes WSP retried")
        .tag("component", "wsp").register(registry);
  }

  void pushed(Map<String, Long> decisions, int retried) {
    decisions.forEach((decision, n) -> pushed.computeIfAbsent(decision, d -> Counter.builder("fp_wsp_events_pushed")
        .description("events IG acknowledged to WSP, by decision").tag("component", "wsp").tag("decision", d)
        .register(registry)).increment(n));
    retries.increment(retried);
  }

  void ready(String status) {
    readies.computeIfAbsent(status, s -> Counter.builder("fp_wsp_ready").description("READY messages WSP handled, "
        + "by result").tag("component", "wsp").tag("status", s).register(registry)).increment();
  }
}
