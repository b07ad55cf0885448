package dev.fp.control.wsp.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputPlanTest {
  @Test
  void shouldStreamFraudContextBeforeFraudTraffic() {
    assertThat(OutputPlan.of("fraud", List.of(), List.of()).streamOrder()).containsExactly("arrival_events_5B",
        "s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B", "s3_event_stream_with_fraud_6B");
  }

  @Test
  void shouldStreamBaselineContextBeforeBaselineTraffic() {
    assertThat(OutputPlan.of("baseline", List.of(), List.of()).streamOrder()).containsExactly("arrival_events_5B",
        "s1_arrival_entities_6B", "s2_flow_anchor_baseline_6B", "s2_event_stream_baseline_6B");
  }

  @Test
  void shouldPutContextFirstEvenWhenOverridesListTrafficAlsoAsContext() {
    OutputPlan plan = OutputPlan.of("fraud", List.of("s3_event_stream_with_fraud_6B"),
        List.of("s3_flow_anchor_with_fraud_6B", "s3_event_stream_with_fraud_6B"));

    assertThat(plan.streamOrder()).containsExactly("s3_flow_anchor_with_fraud_6B", "s3_event_stream_with_fraud_6B");
  }

  @Test
  void shouldNeverMixFraudAndBaselineOutputs() {
    assertThatThrownBy(() -> OutputPlan.of("fraud", List.of("s3_event_stream_with_fraud_6B",
        "s2_event_stream_baseline_6B"), List.of())).hasMessageContaining("OUTPUT_MODE_MIXED");
    assertThatThrownBy(() -> OutputPlan.of("baseline", List.of(), List.of("s3_flow_anchor_with_fraud_6B")))
        .hasMessageContaining("OUTPUT_MODE_MIXED");
    assertThatThrownBy(() -> OutputPlan.of("fraud", List.of("s2_event_stream_baseline_6B"), List.of()))
        .hasMessageContaining("OUTPUT_MODE_MIXED");
  }

  @Test
  void shouldRejectUnknownOrNonTrafficOutputsAsTraffic() {
    assertThatThrownBy(() -> OutputPlan.of("fraud", List.of("arrival_events_5B"), List.of()))
        .hasMessageContaining("OUTPUT_UNKNOWN");
    assertThatThrownBy(() -> OutputPlan.of("fraud", List.of(), List.of("s4_event_labels_6B")))
        .hasMessageContaining("OUTPUT_UNKNOWN");
    assertThatThrownBy(() -> OutputPlan.of("both", List.of(), List.of())).hasMessageContaining("OUTPUT_MODE_INVALID");
  }
}
