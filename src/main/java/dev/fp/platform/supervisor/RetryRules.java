package dev.fp.platform.supervisor;

import java.util.EnumMap;
import java.util.Map;

/**
 * The seed's reset/retry rule of every phase, as the reason an operator reads when a retry is refused. Only P3 (per
 * output_id), P5 (a new equivalence key, lease expiry or clear), P6 (with caps) and P11 (reporter not running) are
 * retry loops ({@link Phase#retryAllowed()}); the others say what the seed recommends instead.
 */
public final class RetryRules {
  private static final Map<Phase, String> RULES = new EnumMap<>(Map.ofEntries(
      Map.entry(Phase.P0, "the substrate bootstrap is re-run idempotently by `fp up`, not retried inside a run; "
          + "start a fresh run"),
      Map.entry(Phase.P1, "create a fresh run id (preferred) rather than reusing a dirty run scope: start a fresh run"),
      Map.entry(Phase.P2, "restart the packs (POST /v1/ops/packs/{pack}/restart) instead of re-running P2; a failed "
          + "P2 needs a fresh run"),
      Map.entry(Phase.P3, "re-run per output_id: only the named outputs' stream views are deleted and sorted again"),
      Map.entry(Phase.P4, "re-run the bootstrap or create the missing stream, fix the object store endpoint (never "
          + "push anyway), then start a fresh run"),
      Map.entry(Phase.P5, "re-run with a new SR equivalence key, or after the lease TTL, or once the lease is cleared"),
      Map.entry(Phase.P6, "re-run with the run's caps; duplicate READY skips are expected when the control bus is "
          + "replayed"),
      Map.entry(Phase.P7, "receipts are evidence and are never deleted to fix a problem; prefer a fresh "
          + "platform_run_id"),
      Map.entry(Phase.P8, "restart the rtdl_core pack if a consumer is stuck; after a schema or contract change start "
          + "a fresh run scope"),
      Map.entry(Phase.P9, "a fail-closed Decision Fabric must be explained and recorded; validate the lane with "
          + "bounded runs (Gate-20, Gate-200) in a fresh run"),
      Map.entry(Phase.P10, "CaseTrigger re-runs only with correct idempotency and checkpoints, by restarting the "
          + "case_labels pack, not by re-running P10"),
      Map.entry(Phase.P11, "re-run only while the obs_gov reporter is not running (avoid append conflicts)"),
      Map.entry(Phase.P12, "the teardown is an operator action (fp down, POST /v1/ops/runs/{id}/teardown), not a "
          + "retry")));

  private RetryRules() {
  }

  /** The seed's rule for {@code phase}. */
  public static String rule(Phase phase) {
    return RULES.get(phase);
  }

  /** Why a retry of {@code phase} is refused: it is not one of the seed's retry loops, and what to do instead. */
  public static String refusal(Phase phase) {
    return phase.label() + " is not a retry loop of the seed (retries: P3 per output_id, P5 with a new equivalence key "
        + "or lease, P6 with caps, P11 with the reporter stopped); the seed says: " + rule(phase);
  }
}
