package dev.fp.platform.supervisor;

/**
 * What an operator asked for when starting a run.
 *
 * @param capPerOutput  WSP_MAX_EVENTS_PER_OUTPUT (20, 200, 500 000 …)
 * @param mode          {@code fraud} or {@code baseline}: which traffic and flow-anchor outputs are in scope
 * @param equivalenceKey SR equivalence key, or null to derive a fresh one from the run id
 * @param speedup       replay speed-up factor for WSP pacing (0 = as fast as possible)
 */
public record RunOptions(long capPerOutput, String mode, String equivalenceKey, double speedup) {
  public static final long DEFAULT_CAP = 20;

  public RunOptions {
    if (capPerOutput < 1) {
      throw new IllegalArgumentException("cap must be >= 1, got " + capPerOutput);
    }
    if (!mode.equals("fraud") && !mode.equals("baseline")) {
      throw new IllegalArgumentException("mode must be fraud or baseline, got " + mode);
    }
    if (speedup < 0) {
      throw new IllegalArgumentException("speedup must be >= 0, got " + speedup);
    }
  }
}
