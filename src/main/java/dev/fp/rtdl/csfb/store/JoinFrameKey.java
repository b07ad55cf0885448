package dev.fp.rtdl.csfb.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of an arrival within a run (reference rtdl §4 JoinFrameKey): {@code merchant_id} (decimal text, a
 * UInt64 in the world) and {@code arrival_seq} (≥ 1, counted per merchant), under the run's pins.
 */
public record JoinFrameKey(String platformRunId, String scenarioRunId, String merchantId, long arrivalSeq) {

  /** The key as it appears in bindings and query answers. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform_run_id", platformRunId);
    m.put("scenario_run_id", scenarioRunId);
    m.put("merchant_id", merchantId);
    m.put("arrival_seq", arrivalSeq);
    return m;
  }
}
