package dev.fp.rtdl.csfb.store;

import java.util.Map;

/**
 * What CSFB knows of one arrival (reference rtdl §4 join frame): the arrival event, its entities and its flow anchor
 * as they arrived (payloads and where they sit in the log), the flow it is bound to, and the last event merged in.
 * {@code contextComplete} = arrival event and flow anchor present (entities are optional).
 *
 * @param boundAtMicros the binding anchor's event time (micros), which keys its row among the unpaired bindings
 *                      while the arrival is missing; 0 before a binding
 */
public record JoinFrame(JoinFrameKey key, Map<String, Object> arrivalEvent, ContextRef arrivalEventRef,
                        Map<String, Object> arrivalEntities, ContextRef arrivalEntitiesRef,
                        Map<String, Object> flowAnchor, ContextRef flowAnchorRef, String flowId, long boundAtMicros,
                        String lastEventType, String lastEventId, String eventTsUtc, ContextRef source) {

  public static JoinFrame empty(JoinFrameKey key) {
    return new JoinFrame(key, null, null, null, null, null, null, null, 0, null, null, null, null);
  }

  public boolean contextComplete() {
    return arrivalEvent != null && flowAnchor != null;
  }

  public boolean hasArrival() {
    return arrivalEvent != null;
  }

  public boolean bound() {
    return flowId != null;
  }

  public JoinFrame withArrivalEvent(Map<String, Object> payload, ContextRef ref, String tsUtc) {
    return new JoinFrame(key, payload, ref, arrivalEntities, arrivalEntitiesRef, flowAnchor, flowAnchorRef, flowId,
        boundAtMicros, ref.eventType(), ref.eventId(), tsUtc, ref);
  }

  public JoinFrame withArrivalEntities(Map<String, Object> payload, ContextRef ref, String tsUtc) {
    return new JoinFrame(key, arrivalEvent, arrivalEventRef, payload, ref, flowAnchor, flowAnchorRef, flowId,
        boundAtMicros, ref.eventType(), ref.eventId(), tsUtc, ref);
  }

  public JoinFrame withFlowAnchor(Map<String, Object> payload, ContextRef ref, String tsUtc, String boundFlowId,
                                  long atMicros) {
    return new JoinFrame(key, arrivalEvent, arrivalEventRef, arrivalEntities, arrivalEntitiesRef, payload, ref,
        boundFlowId, atMicros, ref.eventType(), ref.eventId(), tsUtc, ref);
  }
}
