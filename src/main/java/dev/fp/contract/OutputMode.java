package dev.fp.contract;

import java.util.List;

/**
 * Which outputs a run streams, hence which stream views P3 must build: context first, then traffic, as WSP
 * streams them (control_ingress §4.3). Runs are single-mode.
 */
public enum OutputMode {
  FRAUD(List.of("arrival_events_5B", "s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B",
      "s3_event_stream_with_fraud_6B")),
  BASELINE(List.of("arrival_events_5B", "s1_arrival_entities_6B", "s2_flow_anchor_baseline_6B",
      "s2_event_stream_baseline_6B"));

  private final List<String> requiredOutputs;

  OutputMode(List<String> requiredOutputs) {
    this.requiredOutputs = requiredOutputs;
  }

  public List<String> requiredOutputs() {
    return requiredOutputs;
  }
}
