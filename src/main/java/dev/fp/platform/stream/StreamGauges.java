package dev.fp.platform.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Prometheus gauges of a consumer's lag (ARCHITECTURE §11): {@code fp_consumer_records_behind} and
 * {@code fp_consumer_seconds_behind}, tagged by component, topic and partition; registered when a partition is first
 * measured, removed when the shell stops.
 */
final class StreamGauges {
  private final MeterRegistry registry;
  private final String component;
  private final Supplier<List<PartitionLag>> lag;
  private final Set<String> registered = new HashSet<>();
  private final List<Meter> meters = new ArrayList<>();

  StreamGauges(MeterRegistry registry, String component, Supplier<List<PartitionLag>> lag) {
    this.registry = registry;
    this.component = component;
    this.lag = lag;
  }

  void update(List<PartitionLag> partitions) {
    for (PartitionLag p : partitions) {
      if (registered.add(p.topic() + "/" + p.partition())) {
        meters.add(gauge("fp_consumer_records_behind", "records after the consumer's checkpoint", p, "records",
            l -> (double) l.recordsBehind()));
        meters.add(gauge("fp_consumer_seconds_behind", "age of the oldest unprocessed record", p, "seconds",
            PartitionLag::secondsBehind));
      }
    }
  }

  private Meter gauge(String name, String help, PartitionLag p, String unit,
                      java.util.function.ToDoubleFunction<PartitionLag> value) {
    return Gauge.builder(name, () -> lag.get().stream()
            .filter(l -> l.topic().equals(p.topic()) && l.partition() == p.partition())
            .mapToDouble(value).findFirst().orElse(0))
        .description(help).baseUnit(unit).tags("component", component, "topic", p.topic(), "partition",
            Integer.toString(p.partition())).register(registry);
  }

  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
    registered.clear();
  }
}
