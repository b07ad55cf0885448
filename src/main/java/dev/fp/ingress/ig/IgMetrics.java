package dev.fp.ingress.ig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * IG's meters (Prometheus names): {@code fp_ig_decisions_total{decision,event_class}},
 * {@code fp_ig_quarantine_reasons_total{reason}}, {@code fp_ig_rejections_total{status,error}} (requests refused
 * before admission), {@code fp_ig_publish_failures_total{topic}}, {@code fp_ig_admission_seconds} (arrival to answer),
 * {@code fp_ig_cycle_phase_seconds{phase}}, {@code fp_ig_cycle_events}, and the gauges
 * {@code fp_ig_admission_queue_events}, {@code fp_ig_cycles_in_flight}, {@code fp_ig_health_state} (0 GREEN, 1 AMBER,
 * 2 RED). Tags are bounded: classes and reasons come from the policy, statuses and errors from fixed sets. Meters are
 * registered once and cached; {@link #close()} removes them all.
 */
final class IgMetrics {
  private final MeterRegistry registry;
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();
  private final Timer admission;

  IgMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.admission = meter("admission", k -> Timer.builder("fp.ig.admission")
        .description("IG admission latency, arrival to answer").publishPercentiles(0.5, 0.95, 0.99).register(registry));
  }

  void decision(String decision, String eventClass) {
    String cls = eventClass == null ? "unknown" : eventClass;
    counter("d|" + decision + "|" + cls, () -> Counter.builder("fp.ig.decisions").tag("decision", decision)
        .tag("event_class", cls)).increment();
  }

  void quarantineReason(String reason) {
    counter("q|" + reason, () -> Counter.builder("fp.ig.quarantine.reasons").tag("reason", reason)).increment();
  }

  void rejection(int status, String error) {
    counter("r|" + status + "|" + error, () -> Counter.builder("fp.ig.rejections")
        .tag("status", Integer.toString(status)).tag("error", error)).increment();
  }

  void publishFailure(String topic) {
    counter("p|" + topic, () -> Counter.builder("fp.ig.publish.failures").tag("topic", topic)).increment();
  }

  void admissionNanos(long nanos) {
    admission.record(nanos, TimeUnit.NANOSECONDS);
  }

  void phaseNanos(String phase, long nanos) {
    Timer t = meter("t|" + phase, k -> Timer.builder("fp.ig.cycle.phase").tag("phase", phase).register(registry));
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  void cycleEvents(int n) {
    DistributionSummary s = meter("cycle.events", k -> DistributionSummary.builder("fp.ig.cycle.events")
        .baseUnit("events").register(registry));
    s.record(n);
  }

  void gauge(String name, String description, Supplier<Number> value) {
    meter("g|" + name, k -> Gauge.builder(name, value).description(description).register(registry));
  }

  /** Removes every meter this instance registered, so a redeployed IG starts with fresh gauges. */
  void close() {
    meters.values().forEach(registry::remove);
    meters.clear();
  }

  private Counter counter(String key, Supplier<Counter.Builder> builder) {
    return meter(key, k -> builder.get().register(registry));
  }

  @SuppressWarnings("unchecked")
  private <M extends Meter> M meter(String key, Function<String, M> create) {
    return (M) meters.computeIfAbsent(key, create::apply);
  }
}
