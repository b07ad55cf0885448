package dev.fp.rtdl.df;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.df.core.DfCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * DF's health and reconciliation (reference rtdl §6 artifacts, §9), from its durable counters: RED iff IG quarantined
 * or refused anything DF published, else GREEN. The reconciliation file has the totals and the counts by posture
 * mode, bundle, action kind, IG answer and reason code, and whether every decision made was published.
 */
final class DfArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = "decision_fabric/reconciliation/reconciliation.json";

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    if (c.get(DfCounters.PUBLISH_QUARANTINE) > 0) {
      state = HealthState.RED;
      reasons.add("IG_QUARANTINE");
    }
    if (c.get(DfCounters.PUBLISH_REJECTED) > 0) {
      state = HealthState.RED;
      reasons.add("IG_REJECTED");
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    c.values().forEach((k, v) -> {
      if (!k.contains("::")) {
        metrics.put(k, v);
      }
    });
    Map<String, Object> totals = new LinkedHashMap<>();
    for (String k : List.of(DfCounters.DECISIONS, DfCounters.DEGRADE, DfCounters.STEP_UP,
        DfCounters.EXPLICIT_FALLBACK, DfCounters.FAIL_CLOSED, DfCounters.MISSING_CONTEXT,
        DfCounters.RESOLVER_FAILURES, DfCounters.RISK_ESCALATIONS, DfCounters.JOIN_WAIT_EXPIRED)) {
      totals.put(k, c.get(k));
    }
    totals.put("quarantined_total", c.get(DfCounters.PUBLISH_QUARANTINE));
    long settled = c.get(DfCounters.PUBLISH_ADMIT) + c.get(DfCounters.PUBLISH_DUPLICATE)
        + c.get(DfCounters.PUBLISH_QUARANTINE) + c.get(DfCounters.PUBLISH_REJECTED);
    Map<String, Object> byAction = new LinkedHashMap<>();
    byAction.put("ALLOW", c.get(DfCounters.ALLOW));
    byAction.put("STEP_UP", c.get(DfCounters.STEP_UP));
    byAction.put("QUEUE_REVIEW", c.get(DfCounters.QUEUE_REVIEW));
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", s.platformRunId());
    rec.put("totals", totals);
    rec.put("by_mode", family(c, DfCounters.MODE));
    rec.put("by_bundle_id", family(c, DfCounters.BUNDLE));
    rec.put("by_action_kind", byAction);
    rec.put("by_publish_decision", family(c, DfCounters.PUBLISH));
    rec.put("reason_code_counts", family(c, DfCounters.REASON));
    rec.put("decisions_published_total", settled);
    rec.put("intents_published_total", c.get(DfCounters.INTENT_ADMIT) + c.get(DfCounters.INTENT_DUPLICATE));
    rec.put("parity", settled == c.get(DfCounters.DECISIONS));
    return new Artifacts(new HealthReport(state, reasons, metrics), Map.of(), Map.of(RECONCILIATION, rec));
  }

  private static Map<String, Long> family(Counters c, String prefix) {
    Map<String, Long> out = new TreeMap<>();
    c.values().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
