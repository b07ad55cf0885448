package dev.fp.platform.supervisor;

import java.util.List;

/** The durable record of one phase of one run. */
public record PhaseRecord(Phase phase, PhaseState state, int attempts, String enteredAtUtc, String exitedAtUtc,
                          Long durationMs, String commitEvidenceRef, List<GateCheck> checks, String failure) {

  public static PhaseRecord pending(Phase phase) {
    return new PhaseRecord(phase, PhaseState.PENDING, 0, null, null, null, null, List.of(), null);
  }

  public PhaseRecord start(String now) {
    return new PhaseRecord(phase, state.moveTo(PhaseState.RUNNING), attempts + 1, now, null, null, null, List.of(),
        null);
  }

  public PhaseRecord finish(PhaseState outcome, String now, long durationMs, String evidenceRef,
                            List<GateCheck> gateChecks, String failureText) {
    return new PhaseRecord(phase, state.moveTo(outcome), attempts, enteredAtUtc, now, durationMs, evidenceRef,
        List.copyOf(gateChecks), failureText);
  }

  public PhaseRecord notAvailable(String reason) {
    return new PhaseRecord(phase, state.moveTo(PhaseState.NOT_AVAILABLE), attempts, null, null, null, null, List.of(),
        reason);
  }
}
