package dev.fp.rtdl.dla;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.dla.core.DlaCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DLA's health and reconciliation (reference rtdl §8): RED on any replay divergence, 25+ quarantined events or 5+
 * failed audit rounds; AMBER on 1+ of the last two; unresolved chains are reported ({@code UNRESOLVED_IN_FLIGHT}) and
 * gate P9 through {@code lineage_unresolved_total}, not health. (The reference's age-based unresolved thresholds need
 * a scan of the chains; this build reports the count.)
 */
final class DlaArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "decision_log_audit/reconciliation/last_reconciliation.json";

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    if (c.get(DlaCounters.REPLAY_DIVERGENCE) >= 1) {
      state = HealthState.RED;
      reasons.add("REPLAY_DIVERGENCE");
    }
    long quarantined = c.get(DlaCounters.QUARANTINE) - c.get(DlaCounters.REPLAY_DIVERGENCE);
    if (quarantined >= 25) {
      state = HealthState.RED;
      reasons.add("QUARANTINE_RED");
    } else if (quarantined >= 1 && state == HealthState.GREEN) {
      state = HealthState.AMBER;
      reasons.add("QUARANTINE_AMBER");
    }
    long failures = c.get(DlaCounters.APPEND_FAILURE);
    if (failures >= 5) {
      state = HealthState.RED;
      reasons.add("APPEND_FAILURE_RED");
    } else if (failures >= 1 && state == HealthState.GREEN) {
      state = HealthState.AMBER;
      reasons.add("APPEND_FAILURE_AMBER");
    }
    if (c.get(DlaCounters.UNRESOLVED) > 0) {
      reasons.add("UNRESOLVED_IN_FLIGHT");
    }
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("resolved_total", c.get(DlaCounters.RESOLVED));
    lineage.put("unresolved_total", c.get(DlaCounters.UNRESOLVED));
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", s.platformRunId());
    rec.put("metrics", c.values());
    rec.put("reconciliation", Map.of("lineage", lineage));
    rec.put("health_state", state.name());
    rec.put("health_reasons", reasons);
    return new Artifacts(new HealthReport(state, reasons, new LinkedHashMap<>(c.values())), Map.of(),
        Map.of(RECONCILIATION, rec));
  }
}
