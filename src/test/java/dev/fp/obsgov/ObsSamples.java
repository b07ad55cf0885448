package dev.fp.obsgov;

import dev.fp.obsgov.report.core.Components;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health and metrics documents of a healthy Gate-20 run for the components whose counters the closeout reads, in the
 * convention's shape ({@code {generated_at_utc, platform_run_id, health_state, health_reasons, metrics}}). The
 * case-label ones are in the shapes CT, CM and LS write.
 */
public final class ObsSamples {
  public static final String RUN = "platform_20260101T000000Z";

  private ObsSamples() {
  }

  /** Component folder → metrics of a green run with cap 20. */
  public static Map<String, Map<String, Object>> greenMetrics() {
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    m.put(Components.IG, Map.of("decision.ADMIT", 160, "publish_ambiguous_unresolved", 0));
    m.put(Components.AW, Map.of("seen_total", 180, "archived_total", 180));
    m.put(Components.IEG, Map.of("events_seen", 80, "duplicate", 0, "apply_failures", 0));
    m.put(Components.OFP, Map.of("events_seen", 20, "duplicates", 0, "missing_features", 0));
    m.put(Components.CSFB, Map.of("join_hits", 20, "apply_failures_hard", 0));
    m.put(Components.DF, Map.of("decisions_total", 20, "publish_admit_total", 20, "intent_publish_admit_total", 20));
    m.put(Components.AL, Map.of("intake_total", 20, "outcome_executed_total", 20, "publish_admit_total", 20));
    m.put(Components.DLA, Map.of("audit_records_total", 20, "lineage_unresolved_total", 0));
    m.put(Components.CT, Map.of("triggers_seen", 20, "published", 20));
    m.put(Components.CM, Map.of("cases_created", 20));
    m.put(Components.LS, Map.of("accepted", 20, "pending", 0, "rejected", 0));
    return m;
  }

  public static Map<String, Object> metricsDoc(String generatedAt, Map<String, Object> metrics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", generatedAt);
    doc.put("platform_run_id", RUN);
    doc.put("metrics", metrics);
    return doc;
  }

  public static Map<String, Object> healthDoc(String generatedAt, String state, Map<String, Object> metrics) {
    Map<String, Object> doc = metricsDoc(generatedAt, metrics);
    doc.put("health_state", state);
    doc.put("health_reasons", List.of());
    return doc;
  }
}
