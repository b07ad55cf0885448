package dev.fp.platform.stream;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;
import java.util.Map;

/**
 * The test component of the shell tests: counts records per {@code payload.key} in table {@code tshell_tally} (key
 * {@code (run, key)}), counts {@code applied_total}, and emits each record's event id as an effect.
 */
final class Tally implements StreamProcessor<String> {
  static final Table<List<String>, Long> TABLE = new Table<>("tshell_tally",
      KeyCodec.of(k -> KeyTuple.of(k.get(0), k.get(1)), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return List.of(r.string(), r.string());
      }), ValueCodec.json(Long.class));
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  static final String APPLIED = "applied_total";

  static StreamComponent<String> component(EffectRunner<String> effects) {
    return new StreamComponent<>("tally", "tally_worker", "tally", List.of(TOPIC), List.of(TABLE), List.of(APPLIED),
        new Tally(), effects, "tally_effect_failures_total",
        s -> Artifacts.of(new HealthReport(HealthState.GREEN, List.of(), Map.of(APPLIED, s.counters().get(APPLIED)))));
  }

  static String envelope(String runId, String eventId, String key) {
    return "{\"event_id\":\"" + eventId + "\",\"event_type\":\"t\",\"platform_run_id\":\"" + runId
        + "\",\"payload\":{\"key\":\"" + key + "\"}}";
  }

  static List<String> key(String runId, String key) {
    return List.of(runId, key);
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    keys.need(TABLE, key(r.platformRunId(), (String) r.payload().get("key")));
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<String> ctx) {
    List<String> k = key(r.platformRunId(), (String) r.payload().get("key"));
    Long n = ctx.get(TABLE, k);
    ctx.put(TABLE, k, n == null ? 1 : n + 1);
    ctx.count(APPLIED, 1);
    ctx.emit(r.eventId());
  }
}
