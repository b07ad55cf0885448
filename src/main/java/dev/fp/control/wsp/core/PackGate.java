package dev.fp.control.wsp.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The cross-pack gate (case_ops_obs §4.5): a READY streams only while every required pack is live for its run.
 * Our {@code state.json} records the JVM pid ({@code jvm_pid}, per process or for the pack) and a per-process
 * {@code running} flag instead of OS pids, so a process is live when it is {@code running} and its JVM is alive.
 * Reasons carry the pack (and process): {@code PACK_STATE_MISSING:<pack>}, {@code PACK_STATE_INVALID:<pack>},
 * {@code PACK_ACTIVE_RUN_MISSING:<pack>}, {@code PACK_ACTIVE_RUN_MISMATCH:<pack>:<state>-><ready>},
 * {@code PACK_PROCESSES_MISSING:<pack>}, {@code PACK_PROCESS_MISSING:<pack>:<id>},
 * {@code PACK_PROCESS_NOT_RUNNING:<pack>:<id>}.
 */
public final class PackGate {
  private PackGate() {
  }

  /**
   * @param state    the parsed state.json, or null when the file does not exist
   * @param expected process ids the pack consists of in this build (each must be recorded)
   * @param jvmAlive liveness of a JVM pid
   */
  public static Optional<String> notReady(String packId, Object state, List<String> expected, String readyRunId,
                                          boolean requireRunMatch, LongPredicate jvmAlive) {
    if (state == null) {
      return Optional.of("PACK_STATE_MISSING:" + packId);
    }
    if (!(state instanceof Map<?, ?> s)) {
      return Optional.of("PACK_STATE_INVALID:" + packId);
    }
    Optional<String> run = requireRunMatch ? runMismatch(packId, s.get("active_platform_run_id"), readyRunId)
        : Optional.empty();
    return run.isPresent() ? run : processProblem(packId, s, expected, jvmAlive);
  }

  private static Optional<String> runMismatch(String packId, Object stateRun, String readyRunId) {
    if (stateRun == null || stateRun.toString().isBlank()) {
      return Optional.of("PACK_ACTIVE_RUN_MISSING:" + packId);
    }
    return stateRun.equals(readyRunId) ? Optional.empty()
        : Optional.of("PACK_ACTIVE_RUN_MISMATCH:" + packId + ":" + stateRun + "->" + readyRunId);
  }

  private static Optional<String> processProblem(String packId, Map<?, ?> state, List<String> expected,
                                                 LongPredicate jvmAlive) {
    if (!(state.get("processes") instanceof Map<?, ?> processes) || processes.isEmpty() && !expected.isEmpty()) {
      return Optional.of("PACK_PROCESSES_MISSING:" + packId);
    }
    for (String id : expected) {
      if (!processes.containsKey(id)) {
        return Optional.of("PACK_PROCESS_MISSING:" + packId + ":" + id);
      }
    }
    for (Map.Entry<?, ?> e : processes.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> p) || !live(p, state.get("jvm_pid"), jvmAlive)) {
        return Optional.of("PACK_PROCESS_NOT_RUNNING:" + packId + ":" + e.getKey());
      }
    }
    return Optional.empty();
  }

  private static boolean live(Map<?, ?> process, Object packPid, LongPredicate jvmAlive) {
    Object pid = process.get("jvm_pid") != null ? process.get("jvm_pid") : packPid;
    return Boolean.TRUE.equals(process.get("running")) && pid instanceof Number n && jvmAlive.test(n.longValue());
  }
}
