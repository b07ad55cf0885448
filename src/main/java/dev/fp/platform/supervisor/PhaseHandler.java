package dev.fp.platform.supervisor;

import io.vertx.core.Future;

import java.util.List;

/**
 * What one phase does: its entry action and its exit gate. Gates read durable evidence (objects, artifacts, log
 * offsets, store rows), never "the process is alive". Entry actions are idempotent so a retry or resume re-runs
 * them safely.
 */
public interface PhaseHandler {

  Phase phase();

  /** Runs the entry action; returns the single commit-evidence ref of the phase (a path or URI). */
  Future<String> enter(RunContext run);

  /** Evaluates every exit-gate check; the phase passes only if all pass. */
  Future<List<GateCheck>> gate(RunContext run);

  /**
   * Re-establishes, in a restarted process, what later phases need from this phase after it passed (P2 starts the
   * packs again): run by {@code fp run --resume} for every passed phase before the one it resumes at.
   */
  default Future<Void> resume(RunContext run) {
    return Future.succeededFuture();
  }
}
