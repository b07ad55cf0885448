package dev.fp.rtdl.csfb.core;

import dev.fp.contract.Ids;
import dev.fp.rtdl.csfb.store.ContextRef;
import dev.fp.rtdl.csfb.store.JoinFrameKey;

import java.util.Map;

/**
 * A context record that passed intake validation: its class, join key, flow id (anchors only), event time, schema
 * version, payload, pins and where it sits.
 */
public record ContextEvent(String eventClass, JoinFrameKey key, String flowId, String tsUtc, long tsMicros,
                           String schemaVersion, Map<String, Object> payload, Map<String, Object> pins,
                           ContextRef ref) {

  /**
   * The intake payload hash, sha256(canonical {event_type, schema_version, payload}) (reference rtdl §0.3); computed
   * on demand, only where apply needs it (prefetch reads keys only).
   */
  public String payloadHash() {
    return Ids.payloadHash(ref.eventType(), schemaVersion, payload);
  }

  public boolean isAnchor() {
    return flowId != null;
  }
}
