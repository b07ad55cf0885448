package dev.fp.caselabels.ls;

import dev.fp.contract.Ids;
import dev.fp.contract.LabelAssertions;
import dev.fp.testing.SamplePins;

import java.util.List;
import java.util.Map;

/** Label assertions for the LS tests, built through the contract so their ids and hashes are right. */
final class LsSamples {
  static final String RUN = "platform_20261206T120000Z";
  static final String OTHER_RUN = "platform_20261206T130000Z";
  static final String T1 = "2026-01-01T00:00:01.000000Z";
  static final String T2 = "2026-01-01T00:00:02.000000Z";
  static final String T3 = "2026-01-01T00:00:03.000000Z";

  private LsSamples() {
  }

  static Map<String, Object> pins(String run) {
    return SamplePins.of(run);
  }

  /** An AUTO assertion by case timeline event {@code timelineSeed} (any text: it is hashed into a timeline id). */
  static Map<String, Object> assertion(String run, String eventId, String timelineSeed, String type, String value,
                                       String effective, String observed) {
    String timelineId = Ids.caseTimelineEventId(Ids.caseId(run, "traffic_fraud", eventId), "CASE_TRIGGERED",
        timelineSeed);
    return LabelAssertions.build(new LabelAssertions.Draft(timelineId, run, eventId, pins(run), type, value,
        effective, observed, "AUTO", "SYSTEM::case_mgmt_worker",
        List.of(Map.of("ref_type", "CASE_EVENT", "ref_id", timelineId)),
        Map.of("trigger_type", "DECISION_ESCALATION")));
  }

  static Map<String, Object> fraud(String eventId, String timelineSeed, String value, String effective,
                                   String observed) {
    return assertion(RUN, eventId, timelineSeed, "fraud_disposition", value, effective, observed);
  }
}
