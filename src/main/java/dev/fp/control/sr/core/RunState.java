package dev.fp.control.sr.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code run_status.state} of an SR run (control_ingress §3.4). Reuse mode never invokes the engine, so
 * {@code EXECUTING} is not reached here; it is kept for the contract.
 *
 * <pre>
 * OPEN → PLANNED | FAILED | QUARANTINED
 * PLANNED → EXECUTING | WAITING_EVIDENCE | READY | FAILED | QUARANTINED
 * EXECUTING → WAITING_EVIDENCE | READY | FAILED | QUARANTINED
 * WAITING_EVIDENCE → READY | FAILED | QUARANTINED
 * READY, FAILED, QUARANTINED: terminal (only to themselves)
 * </pre>
 */
public enum RunState {
  OPEN, PLANNED, EXECUTING, WAITING_EVIDENCE, READY, FAILED, QUARANTINED;

  public boolean terminal() {
    return this == READY || this == FAILED || this == QUARANTINED;
  }

  public Set<RunState> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(PLANNED, FAILED, QUARANTINED);
      case PLANNED -> EnumSet.of(EXECUTING, WAITING_EVIDENCE, READY, FAILED, QUARANTINED);
      case EXECUTING -> EnumSet.of(WAITING_EVIDENCE, READY, FAILED, QUARANTINED);
      case WAITING_EVIDENCE -> EnumSet.of(READY, FAILED, QUARANTINED);
      case READY, FAILED, QUARANTINED -> EnumSet.noneOf(RunState.class);
    };
  }

  /** Whether a status write from this state to {@code target} is legal (a state may always be re-written). */
  public boolean canMoveTo(RunState target) {
    return target == this || next().contains(target);
  }

  /**
   * The states a re-submission of the same key may pass through again without writing: a run that already went
   * further keeps its status (a WAITING_EVIDENCE run is not set back to PLANNED).
   */
  public boolean isBeyond(RunState target) {
    return target == PLANNED && (this == WAITING_EVIDENCE || this == EXECUTING || this == READY)
        || target == OPEN && this != OPEN;
  }

  /** Throws {@link IllegalStateException} naming both states when the move is illegal. */
  public void checkMove(RunState target) {
    if (!canMoveTo(target)) {
      throw new IllegalStateException("run status cannot move from " + this + " to " + target);
    }
  }
}
