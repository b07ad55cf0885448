package dev.fp.rtdl.csfb.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a context event sits in the event log (the reference's {@code eb_ref}), with the event it was. */
public record ContextRef(String topic, int partition, String offset, String offsetKind, String eventId,
                         String eventType) {

  /** {@code {topic, partition, offset, offset_kind}}, the reference's ref object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", topic);
    m.put("partition", partition);
    m.put("offset", offset);
    m.put("offset_kind", offsetKind);
    return m;
  }

  /** {@code topic=..;partition=..;offset=..;offset_kind=..;event_id=..;event_type=..}, an evidence ref string. */
  public String evidence() {
    return "topic=" + topic + ";partition=" + partition + ";offset=" + offset + ";offset_kind=" + offsetKind
        + ";event_id=" + eventId + ";event_type=" + eventType;
  }
}
