package dev.fp.rtdl.csfb.core;

import dev.fp.contract.Hashing;
import dev.fp.rtdl.csfb.store.FlowBinding;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a flow anchor's {@link FlowBinding} (reference rtdl §4 step 2). */
public final class FlowBindings {
  private FlowBindings() {
  }

  public static FlowBinding of(ContextEvent anchor) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("flow_id", anchor.flowId());
    basis.put("join_frame_key", anchor.key().toJson());
    basis.put("source_event_id", anchor.ref().eventId());
    return new FlowBinding(anchor.flowId(), anchor.key(), anchor.ref(), anchor.tsUtc(), anchor.ref().eventType(),
        Hashing.canonicalHash(basis), anchor.pins(), anchor.tsUtc());
  }
}
