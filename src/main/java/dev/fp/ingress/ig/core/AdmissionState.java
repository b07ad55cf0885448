package dev.fp.ingress.ig.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * States of an admission row (column {@code ig_admissions.state}):
 * <pre>
 *   (claim) ──> PUBLISH_IN_FLIGHT ──publish acknowledged──> ADMITTED
 *                    │      ^
 *                    │      └──────────── PUBLISH_RELEASED <──operator: release (record not in the log)──┐
 *                    └──publish failed, or found in flight after a crash──> PUBLISH_AMBIGUOUS ────────────┤
 *                                                                                │                          │
 *                                                        operator: reconcile, record found in the log ──> ADMITTED
 * </pre>
 * An ambiguous publish is never republished on its own: only an operator's release lets the next push of the event
 * publish it again.
 */
public enum AdmissionState {
  PUBLISH_IN_FLIGHT, ADMITTED, PUBLISH_AMBIGUOUS, PUBLISH_RELEASED;

  private static final Map<AdmissionState, Set<AdmissionState>> NEXT = Map.of(
      PUBLISH_IN_FLIGHT, EnumSet.of(ADMITTED, PUBLISH_AMBIGUOUS),
      ADMITTED, EnumSet.noneOf(AdmissionState.class),
      PUBLISH_AMBIGUOUS, EnumSet.of(ADMITTED, PUBLISH_RELEASED),
      PUBLISH_RELEASED, EnumSet.of(PUBLISH_IN_FLIGHT));

  public boolean canMoveTo(AdmissionState next) {
    return NEXT.get(this).contains(next);
  }

  /** Checks a transition; {@link IllegalStateException} naming both states when it is not allowed. */
  public AdmissionState moveTo(AdmissionState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("admission state " + this + " cannot move to " + next);
    }
    return next;
  }

  /** The state of a stored value, or empty for a value this build does not know (ADMISSION_STATE_INVALID). */
  public static Optional<AdmissionState> parse(String stored) {
    for (AdmissionState s : values()) {
      if (s.name().equals(stored)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
