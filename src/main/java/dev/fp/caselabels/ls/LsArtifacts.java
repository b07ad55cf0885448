package dev.fp.caselabels.ls;

import dev.fp.caselabels.ls.core.LsCounters;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Label Store's health and reconciliation (case_ops_obs §3.6, §8.7 fixed): anomaly lanes PAYLOAD_HASH_MISMATCH and
 * DEDUPE_TUPLE_COLLISION (each mismatch counted once), and every rejection, contract and run-scope ones included. Any
 * anomaly or rejection is at least AMBER, 10 or more is RED.
 */
final class LsArtifacts {
  static final String RECONCILIATION = "reconciliation/last_reconciliation.json";
  /** The case_labels plane's LS contribution (the reference's per-day file is overwritten by CM and LS: §8.10). */
  static final String CONTRIBUTION = "case_labels/reconciliation/label_store_reconciliation.json";
  static final long AMBER_AT = 1;
  static final long RED_AT = 10;

  private LsArtifacts() {
  }

  static HealthReport health(Map<String, Long> c) {
    long anomalies = anomaliesTotal(c);
    long rejected = c.getOrDefault(LsCounters.REJECTED, 0L);
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    for (Map.Entry<String, Long> lane : Map.of("ANOMALIES", anomalies, "REJECTED", rejected).entrySet()) {
      if (lane.getValue() >= RED_AT) {
        state = HealthState.RED;
        reasons.add(lane.getKey() + "_RED");
      } else if (lane.getValue() >= AMBER_AT) {
        state = state == HealthState.RED ? state : HealthState.AMBER;
        reasons.add(lane.getKey() + "_AMBER");
      }
    }
    reasons.sort(null);
    return new HealthReport(state, reasons, new LinkedHashMap<>(c));
  }

  static Map<String, Object> anomalies(Map<String, Long> c) {
    List<Map<String, Object>> lanes = new ArrayList<>();
    for (String kind : List.of(LsCounters.DEDUPE_TUPLE_COLLISION, LsCounters.PAYLOAD_HASH_MISMATCH)) {
      long n = c.getOrDefault(kind, 0L);
      if (n > 0) {
        lanes.add(Map.of("kind", kind.toUpperCase(), "count", n));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", anomaliesTotal(c));
    m.put("lanes", lanes);
    return m;
  }

  static long anomaliesTotal(Map<String, Long> c) {
    return c.getOrDefault(LsCounters.PAYLOAD_HASH_MISMATCH, 0L) + c.getOrDefault(LsCounters.DEDUPE_TUPLE_COLLISION, 0L);
  }

  /** {@code label_store/reconciliation/last_reconciliation.json}. */
  static Map<String, Object> reconciliation(String platformRunId, String nowUtc, HealthReport h, Map<String, Long> c) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("metrics", new LinkedHashMap<>(c));
    rec.put("anomaly_lanes", anomalies(c).get("lanes"));
    rec.put("anomalies_total", anomaliesTotal(c));
    rec.put("ledger_timeline_parity", c.getOrDefault(LsCounters.ACCEPTED, 0L)
        .equals(c.getOrDefault(LsCounters.TIMELINE_ROWS, 0L)));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", nowUtc);
    doc.put("platform_run_id", platformRunId);
    doc.put("reconciliation", rec);
    doc.put("health_state", h.state().name());
    doc.put("health_reasons", h.reasons());
    return doc;
  }

  /** The plane-level contribution: {@code {component, metrics_ref, reconciliation_ref, summary}}. */
  static Map<String, Object> contribution(String platformRunId, String nowUtc, Map<String, Long> c) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("accepted", c.getOrDefault(LsCounters.ACCEPTED, 0L));
    summary.put("rejected", c.getOrDefault(LsCounters.REJECTED, 0L));
    summary.put("duplicate", c.getOrDefault(LsCounters.DUPLICATE, 0L));
    summary.put("anomalies_total", anomaliesTotal(c));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", nowUtc);
    doc.put("platform_run_id", platformRunId);
    doc.put("component", LabelStore.DIRECTORY);
    doc.put("metrics_ref", LabelStore.DIRECTORY + "/metrics/last_metrics.json");
    doc.put("reconciliation_ref", LabelStore.DIRECTORY + "/" + RECONCILIATION);
    doc.put("summary", summary);
    return doc;
  }
}
