package dev.fp.control.wsp.core;

import java.util.Map;

/**
 * What WSP reads from SR's {@code run_facts_view/<run_id>.json} (control_ingress §3.5): the platform and scenario
 * run ids (top level, else {@code pins}), the scenario id ({@code pins.scenario_id}) and the oracle pack ref.
 * {@link #parse} fails with {@code RUN_FACTS_INVALID} when the document has no run_id or no pins object.
 */
public record RunFacts(String runId, String platformRunId, String scenarioRunId, String scenarioId,
                       String engineRunRoot, String streamViewRoot) {

  public static RunFacts parse(Map<String, Object> facts, String where) {
    if (!(facts.get("pins") instanceof Map<?, ?> pins) || blank(facts.get("run_id"))) {
      throw new WspFailure("RUN_FACTS_INVALID", where + ": run_id and a pins object are required");
    }
    Map<?, ?> ref = facts.get("oracle_pack_ref") instanceof Map<?, ?> m ? m : Map.of();
    return new RunFacts(text(facts.get("run_id")),
        first(facts.get("platform_run_id"), pins.get("platform_run_id")),
        first(facts.get("scenario_run_id"), pins.get("scenario_run_id"), facts.get("run_id")),
        first(pins.get("scenario_id")), first(ref.get("engine_run_root")), first(ref.get("stream_view_root")));
  }

  private static String first(Object... values) {
    for (Object v : values) {
      if (!blank(v)) {
        return text(v);
      }
    }
    return null;
  }

  private static boolean blank(Object v) {
    return v == null || v.toString().isBlank();
  }

  private static String text(Object v) {
    return v.toString().strip();
  }
}
