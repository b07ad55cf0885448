package dev.fp.rtdl.csfb.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flow's binding to its arrival (reference rtdl §4 FlowBinding), made only from a flow anchor and never
 * overwritten. {@code payloadHash} = sha256(canonical {flow_id, join_frame_key, source_event_id}); {@code pins} are
 * the anchor envelope's seven pins; {@code boundAtUtc} is the anchor's event time.
 */
public record FlowBinding(String flowId, JoinFrameKey joinFrameKey, ContextRef sourceEvent, String sourceTsUtc,
                          String authoritativeSourceEventType, String payloadHash, Map<String, Object> pins,
                          String boundAtUtc) {

  /** The binding as the reference's query answers carry it. */
  public Map<String, Object> toJson() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("event_id", sourceEvent.eventId());
    source.put("event_type", sourceEvent.eventType());
    source.put("ts_utc", sourceTsUtc);
    source.put("eb_ref", sourceEvent.toJson());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("flow_id", flowId);
    m.put("join_frame_key", joinFrameKey.toJson());
    m.put("source_event", source);
    m.put("authoritative_source_event_type", authoritativeSourceEventType);
    m.put("payload_hash", payloadHash);
    m.put("pins", pins);
    m.put("bound_at_utc", boundAtUtc);
    return m;
  }
}
