package dev.fp.platform.supervisor;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of one phase record.
 *
 * <pre>
 * PENDING ──► RUNNING ──► PASSED
 *    │           │
 *    │           └──► FAILED ──► RUNNING (only for phases whose retry the seed allows, or on resume)
 *    └──► NOT_AVAILABLE (this build has no handler for the phase) ──► RUNNING (a later build)
 *                                                                 └──► NOT_AVAILABLE (a resume by this build)
 * </pre>
 */
public enum PhaseState {
  PENDING, RUNNING, PASSED, FAILED, NOT_AVAILABLE;

  public Set<PhaseState> allowedNext() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, NOT_AVAILABLE);
      case RUNNING -> EnumSet.of(PASSED, FAILED, RUNNING);
      case FAILED -> EnumSet.of(RUNNING);
      case NOT_AVAILABLE -> EnumSet.of(RUNNING, NOT_AVAILABLE);
      case PASSED -> EnumSet.noneOf(PhaseState.class);
    };
  }

  /** Checks a move; an illegal one throws naming both states. RUNNING → RUNNING is a resume after a crash. */
  public PhaseState moveTo(PhaseState next) {
    if (!allowedNext().contains(next)) {
      throw new IllegalStateException("illegal phase transition " + this + " -> " + next);
    }
    return next;
  }
}
