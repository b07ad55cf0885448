package dev.fp.rtdl.al;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.al.core.AlCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * AL's health (reference rtdl §7): {@code error_rate = (failed outcomes + quarantined or rejected publishes)
 * / max(1, intake)}, RED at 0.20, AMBER at 0.05. Publish rounds IG did not settle are retried (the checkpoint holds)
 * and reported as {@code publish_ambiguous_total}, not as errors: every outcome still settles exactly once. The reconciliation file says whether every
 * intent of the run has exactly one settled outcome.
 */
final class AlArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "action_layer/reconciliation/action_layer_reconciliation.json";

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    long intake = c.get(AlCounters.INTAKE);
    // a round IG did not settle (publish_ambiguous_total) is retried until it settles, so it is not an outcome error:
    // after a restart, rounds fail until IG is back, and counting them would turn AL RED for a recovered outage
    long errors = c.get(AlCounters.FAILED) + c.get(AlCounters.PUBLISH_QUARANTINE) + c.get(AlCounters.PUBLISH_REJECTED);
    double rate = errors / (double) Math.max(1, intake);
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    if (rate >= 0.20) {
      state = HealthState.RED;
      reasons.add("ERROR_RATE_RED");
    } else if (rate >= 0.05) {
      state = HealthState.AMBER;
      reasons.add("ERROR_RATE_AMBER");
    }
    Map<String, Object> metrics = new LinkedHashMap<>(c.values());
    metrics.put("error_rate", rate);
    long outcomes = c.get(AlCounters.EXECUTED) + c.get(AlCounters.DENIED) + c.get(AlCounters.FAILED);
    long settled = c.get(AlCounters.PUBLISH_ADMIT) + c.get(AlCounters.PUBLISH_DUPLICATE)
        + c.get(AlCounters.PUBLISH_QUARANTINE) + c.get(AlCounters.PUBLISH_REJECTED);
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", s.platformRunId());
    rec.put("intake_total", intake);
    rec.put("outcomes_total", outcomes);
    rec.put("intent_duplicates_total", c.get(AlCounters.DUPLICATE_INTENT));
    rec.put("intent_mismatches_total", c.get(AlCounters.INTENT_MISMATCH));
    rec.put("publishes_settled_total", settled);
    rec.put("parity", intake == outcomes + c.get(AlCounters.DUPLICATE_INTENT) + c.get(AlCounters.INTENT_MISMATCH)
        && outcomes == settled);
    return new Artifacts(new HealthReport(state, reasons, metrics), Map.of(), Map.of(RECONCILIATION, rec));
  }
}
