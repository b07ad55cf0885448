package dev.fp.contract;

import java.util.List;
import java.util.Map;

/**
 * Engine outputs streamed by WSP (output_id = envelope event_type, control_ingress.md §1) and their catalogue primary
 * keys (§2.1), which drive the WSP event_id ({@link Ids#engineEventId}).
 */
public final class OutputIds {
  public static final String TRAFFIC_FRAUD = "s3_event_stream_with_fraud_6B";
  public static final String TRAFFIC_BASELINE = "s2_event_stream_baseline_6B";
  public static final String ARRIVAL_EVENTS = "arrival_events_5B";
  public static final String ARRIVAL_ENTITIES = "s1_arrival_entities_6B";
  public static final String FLOW_ANCHOR_FRAUD = "s3_flow_anchor_with_fraud_6B";
  public static final String FLOW_ANCHOR_BASELINE = "s2_flow_anchor_baseline_6B";

  public static final List<String> ALL = List.of(TRAFFIC_FRAUD, TRAFFIC_BASELINE, ARRIVAL_EVENTS, ARRIVAL_ENTITIES,
      FLOW_ANCHOR_FRAUD, FLOW_ANCHOR_BASELINE);
  /** Context outputs of a fraud-mode run, in WSP stream order (§4.3). */
  public static final List<String> FRAUD_CONTEXT = List.of(ARRIVAL_EVENTS, ARRIVAL_ENTITIES, FLOW_ANCHOR_FRAUD);
  /** Context outputs of a baseline-mode run, in WSP stream order (§4.3). */
  public static final List<String> BASELINE_CONTEXT = List.of(ARRIVAL_EVENTS, ARRIVAL_ENTITIES, FLOW_ANCHOR_BASELINE);

  private static final List<String> EVENT_STREAM_KEY =
      List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id", "event_seq");
  private static final List<String> FLOW_ANCHOR_KEY = List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id");
  private static final List<String> ARRIVAL_KEY =
      List.of("seed", "manifest_fingerprint", "scenario_id", "merchant_id", "arrival_seq");
  private static final Map<String, List<String>> PRIMARY_KEYS = Map.of(
      TRAFFIC_FRAUD, EVENT_STREAM_KEY, TRAFFIC_BASELINE, EVENT_STREAM_KEY,
      FLOW_ANCHOR_FRAUD, FLOW_ANCHOR_KEY, FLOW_ANCHOR_BASELINE, FLOW_ANCHOR_KEY,
      ARRIVAL_EVENTS, ARRIVAL_KEY, ARRIVAL_ENTITIES, ARRIVAL_KEY);

  private OutputIds() {
  }

  /** Catalogue primary key columns; {@link IllegalArgumentException} for an output we do not stream. */
  public static List<String> primaryKey(String outputId) {
    List<String> key = PRIMARY_KEYS.get(outputId);
    if (key == null) {
      throw new IllegalArgumentException("primary key: unknown output_id " + outputId);
    }
    return key;
  }
}
