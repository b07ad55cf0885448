package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CmCounters;
import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.contract.Timestamps;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CM's health, metrics and reconciliation (reference case_ops_obs §2.8) from its durable counters — the intake's and
 * the retrier's rows — never from memory that a restart resets. Anomalies (invalid triggers, trigger and timeline
 * payload mismatches): AMBER at 1, RED at 10; PENDING labels: AMBER at 10, RED at 50; a PENDING label older than the
 * policy's {@code pending_max_age_seconds}: RED. Metrics carry the gate counter {@code cases_created}.
 */
final class CmArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "case_mgmt/reconciliation/last_reconciliation.json";
  static final String CONTRIBUTION = "case_labels/reconciliation/case_mgmt_reconciliation.json";
  static final long ANOMALIES_AMBER = 1;
  static final long ANOMALIES_RED = 10;
  static final long PENDING_AMBER = 10;
  static final long PENDING_RED = 50;

  private final Supplier<LabelRetrier.Status> retrier;
  private final LabelEmissionPolicy policy;
  private final Clock clock;

  CmArtifacts(Supplier<LabelRetrier.Status> retrier, LabelEmissionPolicy policy, Clock clock) {
    this.retrier = retrier;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    LabelRetrier.Status r = retrier.get();
    Map<String, Object> metrics = metrics(s.counters(), r.counters());
    long pendingAge = r.oldestFirstRequestedAtUtc() == null ? 0
        : Math.max(0, Duration.between(Timestamps.parse(r.oldestFirstRequestedAtUtc()), clock.instant()).toSeconds());
    metrics.put("oldest_pending_age_seconds", pendingAge);
    Map<String, Long> lanes = new LinkedHashMap<>();
    lane(lanes, "TRIGGER_INVALID", s.counters().get(CmCounters.TRIGGERS_INVALID));
    lane(lanes, "TRIGGER_PAYLOAD_MISMATCH", s.counters().get(CmCounters.TRIGGER_MISMATCHES));
    lane(lanes, "TIMELINE_PAYLOAD_MISMATCH", s.counters().get(CmCounters.TIMELINE_MISMATCHES)
        + r.counters().get(CmCounters.TIMELINE_MISMATCHES));
    long anomalies = lanes.values().stream().mapToLong(Long::longValue).sum();
    List<String> reasons = new ArrayList<>();
    HealthState state = grade(anomalies, ANOMALIES_AMBER, ANOMALIES_RED, "ANOMALIES", reasons, HealthState.GREEN);
    state = grade((Long) metrics.get("labels_pending"), PENDING_AMBER, PENDING_RED, "LABEL_PENDING", reasons, state);
    if (pendingAge > policy.pendingMaxAgeSeconds()) {
      reasons.add("LABEL_PENDING_STALE");
      state = HealthState.RED;
    }
    Map<String, Object> anomalyDoc = new LinkedHashMap<>();
    anomalyDoc.put("total", anomalies);
    anomalyDoc.put("lanes", lanes.entrySet().stream().map(e -> Map.of("kind", e.getKey(), "count", e.getValue()))
        .toList());
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", s.platformRunId());
    rec.put("reconciliation", Map.of("metrics", metrics, "anomaly_lanes", anomalyDoc.get("lanes"),
        "anomalies_total", anomalies));
    rec.put("health_state", state.name());
    rec.put("health_reasons", reasons);
    Map<String, Object> contribution = new LinkedHashMap<>();
    contribution.put("component", "case_mgmt");
    contribution.put("platform_run_id", s.platformRunId());
    contribution.put("metrics_ref", "case_mgmt/metrics/last_metrics.json");
    contribution.put("reconciliation_ref", RECONCILIATION);
    contribution.put("summary", Map.of("case_triggers", metrics.get(CmCounters.TRIGGERS_SEEN),
        "cases_created", metrics.get(CmCounters.CASES_CREATED),
        "timeline_events_appended", metrics.get(CmCounters.TIMELINE_APPENDED),
        "label_assertions", metrics.get(CmCounters.LABEL_ASSERTIONS),
        "labels_pending", metrics.get("labels_pending"), "labels_accepted", metrics.get(CmCounters.LABELS_ACCEPTED),
        "labels_rejected", metrics.get(CmCounters.LABELS_REJECTED), "anomalies_total", anomalies));
    return new Artifacts(new HealthReport(state, reasons, metrics), Map.of("anomalies", anomalyDoc),
        Map.of(RECONCILIATION, rec, CONTRIBUTION, contribution));
  }

  /** The intake's counters with the retrier's added, and {@code labels_pending} = asserted − decided. */
  static Map<String, Object> metrics(Counters intake, Counters retry) {
    Map<String, Object> m = new LinkedHashMap<>(intake.values());
    retry.values().forEach((k, v) -> m.merge(k, v, (a, b) -> (Long) a + (Long) b));
    long pending = intake.get(CmCounters.LABEL_ASSERTIONS) - (Long) m.get(CmCounters.LABELS_ACCEPTED)
        - (Long) m.get(CmCounters.LABELS_REJECTED);
    m.put("labels_pending", pending);
    return m;
  }

  private static HealthState grade(long value, long amber, long red, String name, List<String> reasons,
                                   HealthState state) {
    if (value >= red) {
      reasons.add(name + "_RED");
      return HealthState.RED;
    }
    if (value >= amber) {
      reasons.add(name + "_AMBER");
      return state == HealthState.RED ? state : HealthState.AMBER;
    }
    return state;
  }

  private static void lane(Map<String, Long> lanes, String kind, long count) {
    if (count > 0) {
      lanes.put(kind, count);
    }
  }
}
