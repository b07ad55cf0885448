package dev.fp.rtdl.csfb.core;

import dev.fp.rtdl.csfb.store.ContextRef;
import dev.fp.rtdl.csfb.store.JoinFrameKey;

import java.util.Map;

/**
 * A context record that passed intake validation: its class, join key, flow id (anchors only), intake payload hash,
 * event time, pins and where it sits.
 */
public record ContextEvent(String eventClass, JoinFrameKey key, String flowId, String payloadHash, String tsUtc,
                           long tsMicros, Map<String, Object> payload, Map<String, Object> pins, ContextRef ref) {

  public boolean isAnchor() {
    return flowId != null;
  }
}
