package dev.fp.control.wsp.core;

import dev.fp.contract.Hashing;

/**
 * The key WSP checkpoints are stored under (control_ingress §4.7): sha256 of
 * {@code "{pack_key}|{platform_run_id}|{scenario_run_id}|{lane_count}|{lane_index}|{attempt_id}"}, so positions
 * never leak across platform runs, scenario runs, lanes or deliberate re-attempts.
 */
public final class CheckpointScope {
  private CheckpointScope() {
  }

  public static String key(String packKey, String platformRunId, String scenarioRunId, Lanes lanes,
                           String attemptId) {
    return Hashing.sha256Hex(packKey + "|" + platformRunId + "|" + scenarioRunId + "|" + lanes.count() + "|"
        + lanes.index() + "|" + (attemptId == null ? "" : attemptId));
  }
}
