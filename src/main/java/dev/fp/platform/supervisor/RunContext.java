package dev.fp.platform.supervisor;

import dev.fp.platform.Substrate;
import dev.fp.platform.config.PlatformConfig;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything a phase handler needs for one run. The platform run id is unset until P1 pins it.
 */
public final class RunContext {
  private final Vertx vertx;
  private final Substrate substrate;
  private final RunOptions options;
  private final Clock clock;
  private volatile String platformRunId;
  private final io.vertx.core.Promise<String> pinned = io.vertx.core.Promise.promise();
  private final java.util.Map<Phase, PhaseRecord> before = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<String> resetOutputs;
  private final boolean newEquivalenceKey;

  public RunContext(Vertx vertx, Substrate substrate, RunOptions options, Clock clock, String platformRunId) {
    this(vertx, substrate, options, clock, platformRunId, java.util.List.of());
  }

  /** @param resetOutputs outputs whose stream view P3 deletes before it re-runs (the seed's per-output P3 retry) */
  public RunContext(Vertx vertx, Substrate substrate, RunOptions options, Clock clock, String platformRunId,
                    java.util.List<String> resetOutputs) {
    this(vertx, substrate, options, clock, platformRunId, resetOutputs, false);
  }

  /**
   * @param resetOutputs      outputs whose stream view P3 deletes before it re-runs (the seed's per-output P3 retry)
   * @param newEquivalenceKey the operator asked P5 to take a new SR equivalence key ({@code _r<attempt>}) even where it
   *                          would reuse the interrupted attempt's (the seed's LEASE_BUSY remedy)
   */
  public RunContext(Vertx vertx, Substrate substrate, RunOptions options, Clock clock, String platformRunId,
                    java.util.List<String> resetOutputs, boolean newEquivalenceKey) {
    this.resetOutputs = java.util.List.copyOf(resetOutputs);
    this.newEquivalenceKey = newEquivalenceKey;
    this.vertx = vertx;
    this.substrate = substrate;
    this.options = options;
    this.clock = clock;
    this.platformRunId = platformRunId;
    if (platformRunId != null) {
      pinned.tryComplete(platformRunId);
    }
  }

  public Vertx vertx() { return vertx; }

  public Substrate substrate() { return substrate; }

  public PlatformConfig config() { return substrate.config(); }

  public RunOptions options() { return options; }

  public Clock clock() { return clock; }

  /** The pinned run id; throws before P1. */
  public String runId() {
    if (platformRunId == null) {
      throw new IllegalStateException("platform run not pinned yet (P1 has not run)");
    }
    return platformRunId;
  }

  public boolean pinned() { return platformRunId != null; }

  void pin(String runId) {
    this.platformRunId = runId;
  }

  /** P1 stored the pinned run's row: {@link #whenPinned} completes (a reader of the run store now finds the run). */
  void pinRecorded() {
    pinned.tryComplete(runId());
  }

  /**
   * Completes with the run id once P1 has pinned it and stored its row (so the 202 of {@code POST /v1/ops/runs} is
   * never followed by a 404 for the same run); fails if the run stops before that.
   */
  public io.vertx.core.Future<String> whenPinned() { return pinned.future(); }

  void failPin(String why) { pinned.tryFail(why); }

  /** Outputs whose P3 stream view an operator asked to rebuild on this resume (empty otherwise). */
  public java.util.List<String> resetOutputs() { return resetOutputs; }

  /** Whether P5 must take a new equivalence key on this attempt (an operator's P5 retry with a new key). */
  public boolean newEquivalenceKey() { return newEquivalenceKey; }

  /**
   * The stored record of {@code phase} as it stood before the attempt now running started: FAILED for a retry after
   * a failed gate, RUNNING when the process died in it, PENDING on a first attempt.
   */
  public PhaseRecord previous(Phase phase) {
    return before.getOrDefault(phase, PhaseRecord.pending(phase));
  }

  void before(PhaseRecord r) { before.put(r.phase(), r); }

  /** {@code runs/fraud-platform/<run>/}. */
  public Path runRoot() {
    return config().platformRoot().resolve(runId());
  }
}
