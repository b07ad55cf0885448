package dev.fp.rtdl.ofp.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * OFP's StateStore tables; every key starts with the platform_run_id (a run's rows are one key prefix).
 * <ul>
 *   <li>{@code ofp_dedupe}: {@code (run, event_class, event_id)} → payload hash (reference rtdl §3 semantic dedupe);</li>
 *   <li>{@code ofp_apply_failures}: {@code (run, event_class, event_id, observed_payload_hash)} → {@link ApplyFailure};</li>
 *   <li>{@code ofp_flows}: {@code (run, flow_id)} → {@link FlowState};</li>
 *   <li>{@code ofp_features}: {@code (run, key_type, key_id, group, version)} → {@link WindowedState};</li>
 *   <li>{@code ofp_meta}: {@code (run)} → {@link OfpMeta} (the newest event time applied: the basis' window end).</li>
 * </ul>
 */
public final class OfpTables {
  public record EventKey(String platformRunId, String eventClass, String eventId) {
  }

  public record FailureKey(String platformRunId, String eventClass, String eventId, String observedPayloadHash) {
  }

  public record FlowKey(String platformRunId, String flowId) {
  }

  public record FeatureKey(String platformRunId, String keyType, String keyId, String group, String version) {
  }

  public static final Table<EventKey, String> DEDUPE = new Table<>("ofp_dedupe",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventClass(), k.eventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new EventKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(String.class));

  public static final Table<FailureKey, ApplyFailure> FAILURES = new Table<>("ofp_apply_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventClass(), k.eventId(), k.observedPayloadHash()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string(), r.string(), r.string());
      }), ValueCodec.json(ApplyFailure.class));

  public static final Table<FlowKey, FlowState> FLOWS = new Table<>("ofp_flows",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.flowId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FlowKey(r.string(), r.string());
      }), new FlowStateCodec());

  public static final Table<FeatureKey, WindowedState> FEATURES = new Table<>("ofp_features",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.keyType(), k.keyId(), k.group(), k.version()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FeatureKey(r.string(), r.string(), r.string(), r.string(), r.string());
      }), new WindowedStateCodec());

  public static final Table<String, OfpMeta> META = new Table<>("ofp_meta",
      KeyCodec.of(k -> KeyTuple.of(k), b -> KeyTuple.reader(b).string()), ValueCodec.json(OfpMeta.class));

  public static final List<Table<?, ?>> ALL = List.of(DEDUPE, FAILURES, FLOWS, FEATURES, META);

  private OfpTables() {
  }

  /** The encoded prefix of every row of a run. */
  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }
}
