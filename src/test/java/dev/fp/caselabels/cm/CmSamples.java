package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Json;
import dev.fp.testing.SamplePins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Case triggers for CM's tests: the case_ops_obs §0 vector trigger and numbered ones like it. */
public final class CmSamples {
  public static final String RUN = "platform_20260101T000000Z";
  public static final String CASE_TOPIC = "fp.bus.case.v1";
  public static final String OBSERVED = "2026-01-01T00:00:01.000000Z";

  private CmSamples() {
  }

  public static LabelEmissionPolicy shippedPolicy() throws Exception {
    return LabelEmissionPolicy.parse(Json.readYamlObject(Files.readAllBytes(
        Path.of("conf/cm/label_emission_v0.yaml"))));
  }

  public static Map<String, Object> pins(String run) {
    return SamplePins.of(run);
  }

  /** The reference vector's DECISION_ESCALATION trigger (decision a×32, event evt_0001). */
  public static Map<String, Object> vectorTrigger() {
    return trigger(RUN, "a".repeat(32), "evt_0001", OBSERVED);
  }

  /** A DECISION_ESCALATION for decision {@code decisionId} about {@code eventId}. */
  public static Map<String, Object> trigger(String run, String decisionId, String eventId, String observed) {
    return CaseTriggers.build(CaseTriggers.DECISION_ESCALATION, "decision:" + decisionId, "traffic_fraud", eventId,
        pins(run), List.of(Map.of("ref_type", "DECISION", "ref_id", decisionId),
            Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + decisionId)), observed,
        Map.of("source_contract", "decision_response", "decision_kind", "x", "decision_action_kind", "y"));
  }

  /** Trigger {@code i} of a run: its own decision and event. */
  public static Map<String, Object> trigger(String run, int i) {
    return trigger(run, String.format("%032x", i + 1), "evt_" + i, OBSERVED);
  }

  public static Map<String, Object> envelope(Map<String, Object> trigger) {
    return CaseTriggers.envelope(trigger);
  }
}
