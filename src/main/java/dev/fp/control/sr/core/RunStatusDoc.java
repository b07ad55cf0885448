package dev.fp.control.sr.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code run_status/<run_id>.json} (overwritten on every move): {@code {run_id, state, updated_at_utc,
 * reason_code?, record_ref, facts_view_ref?}}.
 */
public final class RunStatusDoc {
  private RunStatusDoc() {
  }

  public static Map<String, Object> of(SrKeys keys, RunState state, String reasonCode, String updatedAtUtc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", keys.runId());
    m.put("state", state.name());
    m.put("updated_at_utc", updatedAtUtc);
    if (reasonCode != null) {
      m.put("reason_code", reasonCode);
    }
    m.put("record_ref", keys.record());
    if (state == RunState.READY) {
      m.put("facts_view_ref", keys.factsView());
    }
    return m;
  }

  /** The state of a stored status document. */
  public static RunState stateOf(Map<String, Object> doc) {
    return RunState.valueOf(String.valueOf(doc.get("state")));
  }
}
