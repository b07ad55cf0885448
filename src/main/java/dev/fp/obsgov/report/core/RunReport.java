package dev.fp.obsgov.report.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code platform_run_report.json} (reference case_ops_obs §5.1, adapted to our sources). Pure.
 * <ul>
 *   <li>ingress: {@code sent} from WSP's READY run records (max {@code emitted} per message, STREAMED only);
 *       {@code admit/duplicate/quarantine/receipt_write_failed} from IG's durable run counters ({@code ig_run_counters},
 *       as IG answered the reporter's query);
 *       {@code received} = their sum; {@code publish_ambiguous} = admissions still ambiguous. Since DF, AL and CT also
 *       publish through IG, {@code received_internal} counts what they report publishing and
 *       {@code received_from_wsp = received - received_internal} is what reconciles against {@code sent}.</li>
 *   <li>rtdl: {@code inlet_seen} = max(IEG, OFP events_seen); {@code deduped} = IEG duplicate + OFP duplicates;
 *       {@code degraded} = IEG apply_failures + OFP payload_hash_mismatch + missing_features + CSFB
 *       apply_failures_hard; {@code decision} = DF decisions_total; {@code outcome} = AL executed + denied + failed;
 *       {@code audit_append} = DLA audit_records_total.</li>
 *   <li>case_labels from the CT, CM and LS files; a missing file reads UNKNOWN and adds a basis note.</li>
 *   <li>decision_quality: DF's decisions against the world's truth as DF wrote it at P9
 *       ({@value Components#DECISION_QUALITY_FILE}): the confusion matrices and "escalated vs fraud"; when the file is
 *       absent, {@code status: NOT_AVAILABLE} with a basis note.</li>
 * </ul>
 */
public final class RunReport {
  private RunReport() {
  }

  public static Map<String, Object> build(ReportInputs in) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("generated_at_utc", in.generatedAtUtc());
    r.put("platform_run_id", in.platformRunId());
    r.put("scenario_run_ids", scenarioRunIds(in));
    r.put("ingress", ingress(in));
    r.put("rtdl", rtdl(in));
    r.put("archive", archive(in));
    r.put("case_labels", caseLabels(in));
    r.put("decision_quality", decisionQuality(in));
    Map<String, Object> refs = new LinkedHashMap<>();
    refs.put("receipt_refs_sample", in.receiptRefs());
    refs.put("quarantine_refs_sample", in.quarantineRefs());
    refs.put("component_reconciliation_refs", in.reconciliationRefs());
    r.put("evidence_refs", refs);
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("profile", in.profile());
    basis.put("run_prefix", in.runPrefix());
    Map<String, Object> health = new LinkedHashMap<>();
    Components.ALL.forEach(c -> health.put(c, in.healthOf(c)));
    basis.put("health_states", health);
    basis.put("evidence_ref_resolution", in.evidenceRefResolution() == null
        ? Map.of("status", "NOT_EVALUATED (interim report)") : in.evidenceRefResolution());
    r.put("basis", basis);
    return r;
  }

  /** Sorted union of the scenario runs WSP streamed ({@code run_id} of the READY run records). */
  static List<String> scenarioRunIds(ReportInputs in) {
    TreeSet<String> ids = new TreeSet<>();
    in.wspReadyLines().forEach(l -> {
      if (l.get("run_id") instanceof String s && !s.isEmpty()) {
        ids.add(s);
      }
    });
    return List.copyOf(ids);
  }

  /** Max {@code emitted} per message among STREAMED lines, summed. */
  static long sent(List<Map<String, Object>> lines) {
    Map<String, Long> perMessage = new HashMap<>();
    for (Map<String, Object> l : lines) {
      if ("STREAMED".equals(l.get("status")) && l.get("emitted") instanceof Number n) {
        perMessage.merge(String.valueOf(l.get("message_id")), n.longValue(), Math::max);
      }
    }
    return perMessage.values().stream().mapToLong(Long::longValue).sum();
  }

  static Map<String, Object> ingress(ReportInputs in) {
    Map<String, Object> ig = in.igCounters();
    List<String> notes = new ArrayList<>();
    if (ig == null) {
      notes.add("IG_COUNTERS_UNAVAILABLE: " + in.igCountersBasis());
    }
    Long admit = Counts.orZero(ig, "decision.ADMIT");
    Long duplicate = Counts.orZero(ig, "decision.DUPLICATE");
    Long quarantine = Counts.orZero(ig, "decision.QUARANTINE");
    Long writeFailed = Counts.orZero(ig, "receipt_write_failed");
    Long received = Counts.sum(admit, duplicate, quarantine, writeFailed);
    Map<String, Object> internal = internalPublishes(in, notes);
    long internalTotal = internal.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", sent(in.wspReadyLines()));
    m.put("received", received);
    m.put("admit", admit);
    m.put("duplicate", duplicate);
    m.put("quarantine", quarantine);
    m.put("publish_ambiguous", Counts.orZero(ig, "publish_ambiguous_unresolved"));
    m.put("publish_ambiguous_total", Counts.orZero(ig, "publish_ambiguous"));
    m.put("quarantine_publish_ambiguous", Counts.orZero(ig, "reason.PUBLISH_AMBIGUOUS"));
    m.put("receipt_write_failed", writeFailed);
    m.put("received_internal", internal);
    m.put("received_from_wsp", received == null ? null : received - internalTotal);
    m.put("counters_basis", in.igCountersBasis());
    m.put("basis_notes", notes);
    return m;
  }

  /** What DF, AL and CT report having published through IG (every answered publish is a receipt). */
  private static Map<String, Object> internalPublishes(ReportInputs in, List<String> notes) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, List<String>> counters = new LinkedHashMap<>();
    counters.put(Components.DF, List.of("publish_admit_total", "publish_duplicate_total", "publish_quarantine_total",
        "intent_publish_admit_total", "intent_publish_duplicate_total"));
    counters.put(Components.AL, List.of("publish_admit_total", "publish_duplicate_total", "publish_quarantine_total"));
    counters.put(Components.CT, List.of("published", "duplicates", "quarantine"));
    counters.forEach((component, names) -> {
      Map<String, Object> metrics = in.metricsOf(component);
      if (metrics == null) {
        notes.add("INTERNAL_PUBLISHER_METRICS_MISSING: " + Components.metricsFile(component));
        out.put(component, 0L);
        return;
      }
      out.put(component, names.stream().mapToLong(n -> Counts.zeroIfNull(Counts.get(metrics, n))).sum());
    });
    return out;
  }

  static Map<String, Object> rtdl(ReportInputs in) {
    List<String> notes = new ArrayList<>();
    Map<String, Object> ieg = present(in, Components.IEG, notes);
    Map<String, Object> ofp = present(in, Components.OFP, notes);
    Map<String, Object> csfb = present(in, Components.CSFB, notes);
    Map<String, Object> df = present(in, Components.DF, notes);
    Map<String, Object> al = present(in, Components.AL, notes);
    Map<String, Object> dla = present(in, Components.DLA, notes);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inlet_seen", Counts.max(Counts.get(ieg, "events_seen"), Counts.get(ofp, "events_seen")));
    m.put("deduped", Counts.sum(Counts.orZero(ieg, "duplicate"), Counts.orZero(ofp, "duplicates")));
    m.put("degraded", Counts.sum(Counts.orZero(ieg, "apply_failures"), Counts.orZero(ofp, "payload_hash_mismatch"),
        Counts.orZero(ofp, "missing_features"), Counts.orZero(csfb, "apply_failures_hard")));
    m.put("decision", Counts.get(df, "decisions_total"));
    m.put("outcome", Counts.sum(Counts.orZero(al, "outcome_executed_total"), Counts.orZero(al, "outcome_denied_total"),
        Counts.orZero(al, "outcome_failed_total")));
    m.put("audit_append", Counts.get(dla, "audit_records_total"));
    Map<String, Object> bases = new LinkedHashMap<>();
    bases.put("ieg_events_seen", Counts.get(ieg, "events_seen"));
    bases.put("ofp_events_seen", Counts.get(ofp, "events_seen"));
    m.put("component_bases", bases);
    m.put("basis_notes", notes);
    return m;
  }

  static Map<String, Object> decisionQuality(ReportInputs in) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (in.decisionQuality() == null) {
      m.put("status", "NOT_AVAILABLE");
      m.put("basis_notes", List.of("DECISION_QUALITY_MISSING: " + Components.DECISION_QUALITY_FILE));
      return m;
    }
    m.put("status", "AVAILABLE");
    m.put("source_ref", Components.DECISION_QUALITY_FILE);
    m.putAll(in.decisionQuality());
    m.remove("platform_run_id");
    return m;
  }

  static Map<String, Object> archive(ReportInputs in) {
    Map<String, Object> aw = in.metricsOf(Components.AW);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String c : List.of("seen_total", "archived_total", "duplicate_total", "payload_mismatch_total",
        "write_error_total")) {
      summary.put(c, Counts.get(aw, c));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary);
    m.put("health_state", in.healthOf(Components.AW));
    return m;
  }

  static Map<String, Object> caseLabels(ReportInputs in) {
    List<String> notes = new ArrayList<>();
    Map<String, Object> ct = present(in, Components.CT, notes);
    Map<String, Object> cm = present(in, Components.CM, notes);
    Map<String, Object> ls = present(in, Components.LS, notes);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("triggers_seen", Counts.get(ct, "triggers_seen"));
    summary.put("cases_created", Counts.get(cm, "cases_created"));
    summary.put("labels_pending", Counts.get(ls, "pending"));
    summary.put("labels_accepted", Counts.get(ls, "accepted"));
    summary.put("labels_rejected", Counts.get(ls, "rejected"));
    summary.put("anomalies_total", Counts.sum(anomalies(in, Components.CM), anomalies(in, Components.LS)));
    Map<String, Object> states = new LinkedHashMap<>();
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (String c : List.of(Components.CT, Components.CM, Components.LS)) {
      states.put(c, in.healthOf(c));
      metrics.put(c, in.metricsOf(c));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary);
    m.put("health_states", states);
    m.put("component_metrics", metrics);
    m.put("basis_notes", notes);
    return m;
  }

  /** {@code anomalies.total} of a component's health file: 0 when the file has no anomalies, null when absent. */
  private static Long anomalies(ReportInputs in, String component) {
    Map<String, Object> doc = in.health().get(component);
    if (doc == null) {
      return null;
    }
    return doc.get("anomalies") instanceof Map<?, ?> a && a.get("total") instanceof Number n ? n.longValue() : 0L;
  }

  private static Map<String, Object> present(ReportInputs in, String component, List<String> notes) {
    Map<String, Object> m = in.metricsOf(component);
    if (m == null) {
      notes.add("METRICS_MISSING: " + Components.metricsFile(component));
    }
    return m;
  }
}
