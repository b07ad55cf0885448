package dev.fp.obsgov.report.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closure bundle's documents derived from the report (reference case_ops_obs §5.1 step 4). Pure.
 */
public final class ClosureBundle {
  private ClosureBundle() {
  }

  /**
   * {@code obs/reconciliation.json}: {@code status PASS|WARN}, each check with its inputs. {@code sent_ge_received}
   * compares WSP's sent with what IG received from WSP (internal producers' publishes excluded).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> reconciliation(Map<String, Object> report) {
    Map<String, Object> ingress = (Map<String, Object>) report.get("ingress");
    Map<String, Object> rtdl = (Map<String, Object>) report.get("rtdl");
    Map<String, Object> archive = (Map<String, Object>) ((Map<String, Object>) report.get("archive")).get("summary");
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("sent_ge_received", ge(ingress.get("sent"), ingress.get("received_from_wsp")));
    checks.put("received_ge_admit", ge(ingress.get("received"), ingress.get("admit")));
    checks.put("decision_ge_outcome", ge(rtdl.get("decision"), rtdl.get("outcome")));
    checks.put("archive_seen_ge_archived", ge(archive.get("seen_total"), archive.get("archived_total")));
    Map<String, Object> deltas = new LinkedHashMap<>();
    deltas.put("sent_minus_received", minus(ingress.get("sent"), ingress.get("received_from_wsp")));
    deltas.put("received_minus_admit", minus(ingress.get("received"), ingress.get("admit")));
    deltas.put("decision_minus_outcome", minus(rtdl.get("decision"), rtdl.get("outcome")));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("sent", ingress.get("sent"));
    inputs.put("received", ingress.get("received"));
    inputs.put("received_from_wsp", ingress.get("received_from_wsp"));
    inputs.put("admit", ingress.get("admit"));
    inputs.put("decision", rtdl.get("decision"));
    inputs.put("outcome", rtdl.get("outcome"));
    inputs.put("archive_seen_total", archive.get("seen_total"));
    inputs.put("archive_archived_total", archive.get("archived_total"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", report.get("generated_at_utc"));
    doc.put("platform_run_id", report.get("platform_run_id"));
    doc.put("status", checks.values().stream().allMatch(Boolean.TRUE::equals) ? "PASS" : "WARN");
    doc.put("checks", checks);
    doc.put("inputs", inputs);
    doc.put("deltas", deltas);
    return doc;
  }

  /** {@code obs/anomaly_summary.json}: PASS when every anomaly count is 0, else WARN. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> anomalySummary(Map<String, Object> report) {
    Map<String, Object> ingress = (Map<String, Object>) report.get("ingress");
    Map<String, Object> rtdl = (Map<String, Object>) report.get("rtdl");
    Map<String, Object> cases = (Map<String, Object>) ((Map<String, Object>) report.get("case_labels")).get("summary");
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("ingress_publish_ambiguous", ingress.get("publish_ambiguous"));
    counts.put("ingress_receipt_write_failed", ingress.get("receipt_write_failed"));
    counts.put("rtdl_degraded", rtdl.get("degraded"));
    counts.put("case_labels_anomalies_total", cases.get("anomalies_total"));
    long total = counts.values().stream().mapToLong(v -> v instanceof Number n ? n.longValue() : 0).sum();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", report.get("generated_at_utc"));
    doc.put("platform_run_id", report.get("platform_run_id"));
    doc.put("status", total == 0 ? "PASS" : "WARN");
    doc.put("anomaly_counts", counts);
    doc.put("anomaly_total", total);
    return doc;
  }

  /**
   * {@code obs/replay_anchors.json}: the topic/partition/end-offset triples P7 recorded for the run (the position from
   * which a replay reproduces it); empty with a note when P7 recorded none.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> replayAnchors(String runId, String generatedAt, Map<String, Object> p7Ends,
                                                  String source) {
    List<Map<String, Object>> anchors = new ArrayList<>();
    if (p7Ends != null && p7Ends.get("partitions") instanceof List<?> parts) {
      for (Object o : parts) {
        Map<String, Object> p = (Map<String, Object>) o;
        if (p.get("end_offset") != null) {
          Map<String, Object> a = new LinkedHashMap<>();
          a.put("topic", p.get("topic"));
          a.put("partition", p.get("partition"));
          a.put("offset", p.get("end_offset"));
          a.put("offset_kind", p7Ends.get("offset_kind"));
          anchors.add(a);
        }
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", generatedAt);
    doc.put("platform_run_id", runId);
    doc.put("source", source);
    doc.put("measured_at_utc", p7Ends == null ? null : p7Ends.get("measured_at_utc"));
    doc.put("anchors", anchors);
    if (p7Ends == null) {
      doc.put("note", "no P7 log end offsets recorded for this run");
    }
    return doc;
  }

  /** {@code run_completed.json}: the closure refs of the bundle. */
  public static Map<String, Object> runCompleted(String runId, String generatedAt, Map<String, String> closureRefs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", generatedAt);
    doc.put("platform_run_id", runId);
    doc.put("status", "COMPLETED");
    doc.put("closure_refs", new LinkedHashMap<>(closureRefs));
    return doc;
  }

  private static Boolean ge(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() >= y.longValue();
    }
    return null;
  }

  private static Long minus(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y ? x.longValue() - y.longValue() : null;
  }

  /**
   * {@code basis.evidence_ref_resolution}: how many refs were resolved and denied, and each denial ({@code ref_type,
   * ref_id, reason_code}); {@code outcomes} holds null for a resolved ref.
   */
  public static Map<String, Object> evidenceRefResolution(List<Map<String, Object>> outcomes, int allowlistSize) {
    List<Map<String, Object>> denials = outcomes.stream().filter(java.util.Objects::nonNull).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attempted", (long) outcomes.size());
    m.put("resolved", (long) (outcomes.size() - denials.size()));
    m.put("denied", (long) denials.size());
    m.put("allowlist_size", allowlistSize);
    m.put("denials", denials);
    return m;
  }
}
