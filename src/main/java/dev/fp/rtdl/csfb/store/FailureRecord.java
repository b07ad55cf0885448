package dev.fp.rtdl.csfb.store;

import java.util.Map;

/**
 * A record CSFB did not apply, or applied late (reference rtdl §4 {@code csfb_join_apply_failures}): deterministic
 * {@code failureId}, where the record sits, its event, the reason code and details.
 */
public record FailureRecord(String failureId, String reasonCode, String topic, int partition, String offset,
                            String offsetKind, String eventId, String eventType, String scenarioRunId,
                            String eventTsUtc, Map<String, Object> details) {

  public Map<String, Object> toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("failure_id", failureId);
    m.put("reason_code", reasonCode);
    m.put("topic", topic);
    m.put("partition", partition);
    m.put("offset", offset);
    m.put("offset_kind", offsetKind);
    m.put("event_id", eventId);
    m.put("event_type", eventType);
    m.put("scenario_run_id", scenarioRunId);
    m.put("event_ts_utc", eventTsUtc);
    m.put("details", details);
    return m;
  }
}
