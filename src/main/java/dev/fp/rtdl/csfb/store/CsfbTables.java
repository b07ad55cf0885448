package dev.fp.rtdl.csfb.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * CSFB's StateStore tables; every key starts with the platform_run_id.
 * <ul>
 *   <li>{@code csfb_intake}: {@code (run, event_class, event_id)} → {@link IntakeEntry}, the intake dedupe;</li>
 *   <li>{@code csfb_join_frames}: {@code (run, scenario_run_id, merchant_id, arrival_seq)} → {@link JoinFrame};</li>
 *   <li>{@code csfb_flow_bindings}: {@code (run, scenario_run_id, flow_id)} → {@link FlowBinding}, append-only;</li>
 *   <li>{@code csfb_unpaired}: {@code (run, bound_at_micros, flow_id)} → {@link JoinFrameKey}: the bindings whose
 *       arrival has not been applied, in event-time order (the join-miss rule reads its head, see
 *       {@code JoinMisses});</li>
 *   <li>{@code csfb_watermarks}: {@code (run, topic, partition)} → the largest event time applied (micros), for
 *       late context and the arrival stream's progress;</li>
 *   <li>{@code csfb_failures}: {@code (run, category, failure_id)} → {@link FailureRecord}; category
 *       {@value #ANOMALY} (not applied: the reconciliation lists these) or {@value #LATE} (applied, informational).</li>
 * </ul>
 */
public final class CsfbTables {
  public static final String ANOMALY = "anomaly";
  public static final String LATE = "late";

  /** Intake dedupe identity. */
  public record IntakeKey(String platformRunId, String eventClass, String eventId) {
  }

  public record BindingKey(String platformRunId, String scenarioRunId, String flowId) {
  }

  public record UnpairedKey(String platformRunId, long boundAtMicros, String flowId) {
  }

  public record WatermarkKey(String platformRunId, String topic, int partition) {
  }

  public record FailureKey(String platformRunId, String category, String failureId) {
  }

  public static final Table<IntakeKey, IntakeEntry> INTAKE = new Table<>("csfb_intake",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventClass(), k.eventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new IntakeKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(IntakeEntry.class));

  public static final Table<JoinFrameKey, JoinFrame> FRAMES = new Table<>("csfb_join_frames",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.scenarioRunId(), k.merchantId(), k.arrivalSeq()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new JoinFrameKey(r.string(), r.string(), r.string(), r.int64());
      }), ValueCodec.json(JoinFrame.class));

  public static final Table<BindingKey, FlowBinding> BINDINGS = new Table<>("csfb_flow_bindings",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.scenarioRunId(), k.flowId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new BindingKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(FlowBinding.class));

  public static final Table<UnpairedKey, JoinFrameKey> UNPAIRED = new Table<>("csfb_unpaired",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.boundAtMicros(), k.flowId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new UnpairedKey(r.string(), r.int64(), r.string());
      }), ValueCodec.json(JoinFrameKey.class));

  public static final Table<WatermarkKey, Long> WATERMARKS = new Table<>("csfb_watermarks",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.topic(), k.partition()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new WatermarkKey(r.string(), r.string(), (int) r.int64());
      }), ValueCodec.json(Long.class));

  public static final Table<FailureKey, FailureRecord> FAILURES = new Table<>("csfb_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.category(), k.failureId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(FailureRecord.class));

  public static final List<Table<?, ?>> ALL = List.of(INTAKE, FRAMES, BINDINGS, UNPAIRED, WATERMARKS, FAILURES);

  private CsfbTables() {
  }

  /** The encoded prefix of a run's rows of a table keyed {@code (run, …)}. */
  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }

  /** The encoded prefix of a run's failure rows of one category. */
  public static byte[] failurePrefix(String platformRunId, String category) {
    return KeyTuple.of(platformRunId, category);
  }

  /** The encoded prefix of a run's watermarks of one topic. */
  public static byte[] watermarkPrefix(String platformRunId, String topic) {
    return KeyTuple.of(platformRunId, topic);
  }
}
