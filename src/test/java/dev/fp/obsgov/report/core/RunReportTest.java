package dev.fp.obsgov.report.core;

import dev.fp.obsgov.ObsSamples;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {
  static final String AT = "2026-01-01T00:10:00.000000Z";

  static ReportInputs inputs(Map<String, Map<String, Object>> metrics) {
    Map<String, Map<String, Object>> metricDocs = new LinkedHashMap<>();
    Map<String, Map<String, Object>> health = new LinkedHashMap<>();
    metrics.forEach((c, m) -> {
      metricDocs.put(c, ObsSamples.metricsDoc(AT, m));
      health.put(c, ObsSamples.healthDoc(AT, "GREEN", m));
    });
    List<Map<String, Object>> wsp = List.of(
        Map.of("message_id", "m1", "status", "STREAMED", "emitted", 40, "run_id", "s1"),
        Map.of("message_id", "m1", "status", "STREAMED", "emitted", 80, "run_id", "s1"),
        Map.of("message_id", "m2", "status", "FAILED", "emitted", 5, "run_id", "s2"));
    return new ReportInputs(ObsSamples.RUN, AT, "embedded", "s3://fraud-platform/" + ObsSamples.RUN + "/", wsp, health,
        metricDocs, List.of("r1"), List.of(), List.of("decision_fabric/reconciliation/reconciliation.json"), null,
        Map.of("status", "PASS"), metrics.get(Components.IG), "test ig_run_counters", null, null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldCountSentPerMessageMaxAndSeparateInternalPublishersFromWhatWspSent() {
    Map<String, Object> report = RunReport.build(inputs(ObsSamples.greenMetrics()));

    Map<String, Object> ingress = (Map<String, Object>) report.get("ingress");
    assertThat(ingress).containsEntry("sent", 80L).containsEntry("received", 160L).containsEntry("admit", 160L)
        .containsEntry("publish_ambiguous", 0L).containsEntry("received_from_wsp", 80L);
    assertThat((Map<String, Object>) ingress.get("received_internal")).containsEntry("decision_fabric", 40L)
        .containsEntry("action_layer", 20L).containsEntry("case_trigger", 20L);
    assertThat(report.get("scenario_run_ids")).isEqualTo(List.of("s1", "s2"));
    Map<String, Object> rtdl = (Map<String, Object>) report.get("rtdl");
    assertThat(rtdl).containsEntry("inlet_seen", 80L).containsEntry("decision", 20L).containsEntry("outcome", 20L)
        .containsEntry("audit_append", 20L).containsEntry("degraded", 0L);
    Map<String, Object> cases = (Map<String, Object>) ((Map<String, Object>) report.get("case_labels")).get("summary");
    assertThat(cases).containsEntry("triggers_seen", 20L).containsEntry("cases_created", 20L)
        .containsEntry("labels_accepted", 20L).containsEntry("anomalies_total", 0L);

    Map<String, Object> reconciliation = ClosureBundle.reconciliation(report);
    assertThat(reconciliation.get("status")).isEqualTo("PASS");
    assertThat(ClosureBundle.anomalySummary(report)).containsEntry("status", "PASS").containsEntry("anomaly_total", 0L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldCarryDfDecisionQualityOrSayItIsMissing() {
    ReportInputs without = inputs(ObsSamples.greenMetrics());
    Map<String, Object> missing = (Map<String, Object>) RunReport.build(without).get("decision_quality");
    assertThat(missing).containsEntry("status", "NOT_AVAILABLE")
        .containsEntry("basis_notes", List.of("DECISION_QUALITY_MISSING: " + Components.DECISION_QUALITY_FILE));

    Map<String, Object> written = Map.of("platform_run_id", ObsSamples.RUN, "truth_flows", 6,
        "flows", Map.of("total", 5L));
    ReportInputs with = new ReportInputs(without.platformRunId(), without.generatedAtUtc(), without.profile(),
        without.runPrefix(), without.wspReadyLines(), without.health(), without.metrics(), without.receiptRefs(),
        without.quarantineRefs(), without.reconciliationRefs(), without.logEndOffsets(), without.conformance(),
        without.igCounters(), without.igCountersBasis(), without.evidenceRefResolution(), written);
    Map<String, Object> quality = (Map<String, Object>) RunReport.build(with).get("decision_quality");
    assertThat(quality).containsEntry("status", "AVAILABLE")
        .containsEntry("source_ref", Components.DECISION_QUALITY_FILE).containsEntry("truth_flows", 6)
        .containsEntry("flows", Map.of("total", 5L)).doesNotContainKey("platform_run_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldReadAMissingComponentFileAsUnknownWithANoteAndWarn() {
    Map<String, Map<String, Object>> metrics = ObsSamples.greenMetrics();
    metrics.remove(Components.LS);
    metrics.remove(Components.AW);

    Map<String, Object> report = RunReport.build(inputs(metrics));

    Map<String, Object> cases = (Map<String, Object>) report.get("case_labels");
    assertThat((Map<String, Object>) cases.get("health_states")).containsEntry("label_store", "UNKNOWN");
    assertThat((List<String>) cases.get("basis_notes")).contains("METRICS_MISSING: label_store/metrics/last_metrics.json");
    assertThat(((Map<String, Object>) cases.get("summary")).get("labels_accepted")).isNull();
    assertThat(ClosureBundle.reconciliation(report).get("status")).as("archive counters unknown").isEqualTo("WARN");
  }

  @Test
  void shouldAnchorReplayAtTheP7EndOffsets() {
    Map<String, Object> ends = Map.of("offset_kind", "file_line", "measured_at_utc", AT, "partitions", List.of(
        Map.of("topic", "t1", "partition", 0, "end_offset", "19"),
        new java.util.HashMap<>(Map.of("topic", "t2", "partition", 0))));

    Map<String, Object> anchors = ClosureBundle.replayAnchors(ObsSamples.RUN, AT, ends, "p7");

    assertThat(anchors.get("anchors")).isEqualTo(List.of(Map.of("topic", "t1", "partition", 0, "offset", "19",
        "offset_kind", "file_line")));
    assertThat(ClosureBundle.replayAnchors(ObsSamples.RUN, AT, null, "p7")).containsKey("note");
  }
}
