package dev.fp.platform.supervisor;

import java.util.Map;

/**
 * How a supervised run ended: every phase record, the phase it stopped at, and why.
 */
public record RunOutcome(String platformRunId, Status status, Phase stoppedAt, String message,
                         Map<Phase, PhaseRecord> phases) {

  public enum Status {
    /** every phase up to the last available one passed and the run closed */
    PASSED,
    /** a gate failed: see the phase's checks */
    GATE_FAILED,
    /** this build has no handler for {@link #stoppedAt}; earlier phases passed */
    NOT_AVAILABLE,
    /** an entry action failed with an error */
    ERROR,
    /** a substrate service could not be reached (exit 4): the message names it and its endpoint */
    SUBSTRATE_UNAVAILABLE,
    /** a resume asked to re-enter a failed phase the seed allows no retry of; nothing was changed */
    RETRY_REFUSED
  }

  /**
   * Exit code of {@code fp run}: 0 on PASS, 3 when a gate failed, a phase is not available or a retry is refused,
   * 1 on error.
   */
  public int exitCode() {
    return switch (status) {
      case PASSED -> 0;
      case GATE_FAILED, NOT_AVAILABLE, RETRY_REFUSED -> 3;
      case ERROR -> 1;
      case SUBSTRATE_UNAVAILABLE -> 4;
    };
  }
}
