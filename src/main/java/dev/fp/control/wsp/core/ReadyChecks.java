package dev.fp.control.wsp.core;

import dev.fp.contract.ReadySignal;

import java.util.Optional;

/**
 * The run-pin and run-scope checks WSP applies to a READY before streaming it (control_ingress §4.1 steps 4–5).
 * Each returns the reason code, or empty when the READY passes.
 */
public final class ReadyChecks {
  private ReadyChecks() {
  }

  /**
   * READY vs facts: platform run ids both present ({@code PLATFORM_RUN_ID_MISSING}) and equal
   * ({@code PLATFORM_RUN_ID_MISMATCH}); scenario run ids (READY's, else its run_id) likewise
   * ({@code SCENARIO_RUN_ID_MISSING}, {@code SCENARIO_RUN_ID_MISMATCH}).
   */
  public static Optional<String> pinMismatch(ReadySignal ready, RunFacts facts) {
    if (blank(ready.platformRunId()) || blank(facts.platformRunId())) {
      return Optional.of("PLATFORM_RUN_ID_MISSING");
    }
    if (!ready.platformRunId().equals(facts.platformRunId())) {
      return Optional.of("PLATFORM_RUN_ID_MISMATCH");
    }
    String readyScenario = blank(ready.scenarioRunId()) ? ready.runId() : ready.scenarioRunId();
    if (blank(readyScenario) || blank(facts.scenarioRunId())) {
      return Optional.of("SCENARIO_RUN_ID_MISSING");
    }
    return readyScenario.equals(facts.scenarioRunId()) ? Optional.empty() : Optional.of("SCENARIO_RUN_ID_MISMATCH");
  }

  /** An active run other than the READY's: {@code PLATFORM_RUN_SCOPE_MISMATCH} (recorded, never streamed). */
  public static Optional<String> scopeMismatch(ReadySignal ready, Optional<String> activeRunId) {
    return activeRunId.filter(active -> !active.equals(ready.platformRunId()))
        .map(active -> "PLATFORM_RUN_SCOPE_MISMATCH");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
