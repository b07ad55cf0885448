package dev.fp.obsgov.closeout.core;

import dev.fp.obsgov.ObsSamples;
import dev.fp.obsgov.governance.core.Projection;
import dev.fp.obsgov.report.core.Components;
import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class CloseoutChecksTest {
  static final String AT = "2026-01-01T00:10:00.000000Z";
  static final List<String> OUTPUTS = List.of("s3_event_stream_with_fraud_6B", "arrival_events_5B",
      "s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B");

  /** A run that satisfies every condition of the strict closeout. */
  static CloseoutEvidence green() {
    Map<String, Map<String, Object>> health = new LinkedHashMap<>();
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    ObsSamples.greenMetrics().forEach((c, m) -> {
      health.put(c, ObsSamples.healthDoc(AT, "GREEN", m));
      metrics.put(c, ObsSamples.metricsDoc(AT, m));
    });
    Map<String, WspStops.Stop> stops = new LinkedHashMap<>();
    OUTPUTS.forEach(o -> stops.put(o, new WspStops.Stop(o, 20, "max_events")));
    Map<String, Object> ingress = Map.of("admit", 160, "publish_ambiguous", 0, "quarantine_publish_ambiguous", 0);
    Map<String, Object> basis = Map.of("evidence_ref_resolution", Map.of("attempted", 12, "resolved", 12, "denied", 0,
        "denials", List.of()));
    return new CloseoutEvidence(Map.of("ingress", ingress, "basis", basis), true,
        Map.of("status", "PASS", "checks", List.of()),
        health, metrics, stops, "wsp.log", OUTPUTS, 20, Projection.of(Set.of("a", "b"), List.of("a", "b")),
        Set.of("RUN_STARTED", "RUN_REPORT_GENERATED"), "runs/fraud-platform/" + ObsSamples.RUN, "events.jsonl");
  }

  private static List<GateCheck> failing(CloseoutEvidence e) {
    return CloseoutChecks.evaluate(e).stream().filter(c -> !c.pass()).toList();
  }

  private static CloseoutEvidence withMetric(CloseoutEvidence e, String component, String counter, Object value) {
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>(e.metrics());
    Map<String, Object> m = new HashMap<>(ObsSamples.greenMetrics().get(component));
    m.put(counter, value);
    metrics.put(component, ObsSamples.metricsDoc(AT, m));
    return copy(e, metrics, e.health());
  }

  private static CloseoutEvidence copy(CloseoutEvidence e, Map<String, Map<String, Object>> metrics,
                                       Map<String, Map<String, Object>> health) {
    return new CloseoutEvidence(e.report(), e.reportStored(), e.conformance(), health, metrics, e.wspStops(),
        e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(), e.runRoot(), e.governanceRef());
  }

  @Test
  void shouldPassEveryCheckOfAGreenRunReadingEachComponentsFiles() {
    List<GateCheck> checks = CloseoutChecks.evaluate(green());

    assertThat(checks).allMatch(GateCheck::pass);
    assertThat(checks).extracting(GateCheck::name).contains("environment_conformance_pass", "ingress_admit_positive",
        "no_publish_ambiguous", "health_green:label_store", "archive_writer:seen_total_positive",
        "action_layer:intake_equals_outcomes", "decision_log_audit:lineage_unresolved_total_zero",
        "case_trigger:triggers_seen_positive", "case_mgmt:cases_created_positive", "label_store:accepted_positive",
        "wsp_emitted_cap:arrival_events_5B", "governance_events_appended", "governance_run_report_generated",
        "run_report_written", "evidence_refs_resolved");
    assertThat(checks).hasSize(4 + 10 + 6 + 4 + 3);
  }

  @Test
  void shouldFailTheEvidenceRefCheckOnADenialOrWhenNothingWasResolved() {
    CloseoutEvidence e = green();
    Map<String, Object> denied = Map.of("ingress", e.report().get("ingress"), "basis", Map.of(
        "evidence_ref_resolution", Map.of("attempted", 3, "resolved", 2, "denied", 1, "denials", List.of(Map.of(
            "ref_type", "receipt_ref", "ref_id", "s3://fraud-platform/x", "reason_code", "REF_NOT_FOUND")))));
    Map<String, Object> interim = Map.of("ingress", e.report().get("ingress"), "basis", Map.of(
        "evidence_ref_resolution", Map.of("status", "NOT_EVALUATED (interim report)")));

    for (Map<String, Object> report : List.of(denied, interim)) {
      List<GateCheck> failed = failing(new CloseoutEvidence(report, true, e.conformance(), e.health(), e.metrics(),
          e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(), e.runRoot(),
          e.governanceRef()));
      assertThat(failed).extracting(GateCheck::name).containsExactly("evidence_refs_resolved");
    }
    assertThat(CloseoutChecks.evidenceRefsResolved(new CloseoutEvidence(denied, true, e.conformance(), e.health(),
        e.metrics(), e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(), e.runRoot(),
        e.governanceRef())).explain()).contains("REF_NOT_FOUND");
  }

  @Test
  void shouldFailEachConditionAloneNamingItsCheck() {
    Map<String, UnaryOperator<CloseoutEvidence>> breaks = new LinkedHashMap<>();
    breaks.put("environment_conformance_pass", e -> new CloseoutEvidence(e.report(), true,
        Map.of("status", "FAIL", "checks", List.of(Map.of("check_id", "x", "status", "FAIL", "details", "d"))),
        e.health(), e.metrics(), e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(),
        e.runRoot(), e.governanceRef()));
    breaks.put("ingress_admit_positive", e -> withReport(e, Map.of("admit", 0, "publish_ambiguous", 0,
        "quarantine_publish_ambiguous", 0)));
    breaks.put("no_publish_ambiguous", e -> withReport(e, Map.of("admit", 5, "publish_ambiguous", 1,
        "quarantine_publish_ambiguous", 0)));
    breaks.put("health_green:decision_fabric", e -> {
      Map<String, Map<String, Object>> h = new LinkedHashMap<>(e.health());
      h.put(Components.DF, ObsSamples.healthDoc(AT, "RED", Map.of()));
      return copy(e, e.metrics(), h);
    });
    breaks.put("health_green:case_mgmt", e -> {
      Map<String, Map<String, Object>> h = new LinkedHashMap<>(e.health());
      h.remove(Components.CM);
      return copy(e, e.metrics(), h);
    });
    breaks.put("archive_writer:seen_total_positive", e -> withMetric(e, Components.AW, "seen_total", 0));
    breaks.put("action_layer:intake_equals_outcomes", e -> withMetric(e, Components.AL, "intake_total", 21));
    breaks.put("decision_log_audit:lineage_unresolved_total_zero",
        e -> withMetric(e, Components.DLA, "lineage_unresolved_total", 2));
    breaks.put("case_trigger:triggers_seen_positive", e -> withMetric(e, Components.CT, "triggers_seen", 0));
    breaks.put("case_mgmt:cases_created_positive", e -> withMetric(e, Components.CM, "cases_created", 0));
    breaks.put("label_store:accepted_positive", e -> {
      Map<String, Map<String, Object>> m = new LinkedHashMap<>(e.metrics());
      m.remove(Components.LS);
      return copy(e, m, e.health());
    });
    breaks.put("wsp_emitted_cap:s1_arrival_entities_6B", e -> {
      Map<String, WspStops.Stop> stops = new LinkedHashMap<>(e.wspStops());
      stops.put("s1_arrival_entities_6B", new WspStops.Stop("s1_arrival_entities_6B", 19, "error"));
      return withStops(e, stops);
    });
    breaks.put("wsp_emitted_cap:arrival_events_5B", e -> {
      Map<String, WspStops.Stop> stops = new LinkedHashMap<>(e.wspStops());
      stops.remove("arrival_events_5B");
      return withStops(e, stops);
    });
    breaks.put("governance_events_appended", e -> withProjection(e, Projection.of(Set.of("a", "b"), List.of("a"))));
    breaks.put("governance_run_report_generated", e -> new CloseoutEvidence(e.report(), true, e.conformance(),
        e.health(), e.metrics(), e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(),
        Set.of("RUN_STARTED"), e.runRoot(), e.governanceRef()));
    breaks.put("run_report_written", e -> new CloseoutEvidence(e.report(), false, e.conformance(), e.health(),
        e.metrics(), e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(),
        e.runRoot(), e.governanceRef()));

    breaks.forEach((check, breaker) -> {
      List<GateCheck> failed = failing(breaker.apply(green()));
      assertThat(failed).as(check).extracting(GateCheck::name).contains(check);
      GateCheck c = failed.stream().filter(f -> f.name().equals(check)).findFirst().orElseThrow();
      assertThat(c.evidence()).as(check).isNotBlank();
      assertThat(c.remedy()).as(check).isNotBlank();
    });
  }

  @Test
  void shouldFailTheGovernanceCheckWhenThereIsNoEventsJsonl() {
    assertThat(failing(withProjection(green(), null))).extracting(GateCheck::actual).contains("no events.jsonl");
  }

  private static CloseoutEvidence withReport(CloseoutEvidence e, Map<String, Object> ingress) {
    return new CloseoutEvidence(Map.of("ingress", ingress), true, e.conformance(), e.health(), e.metrics(),
        e.wspStops(), e.wspLog(), e.inScopeOutputs(), e.cap(), e.projection(), e.families(), e.runRoot(),
        e.governanceRef());
  }

  private static CloseoutEvidence withStops(CloseoutEvidence e, Map<String, WspStops.Stop> stops) {
    return new CloseoutEvidence(e.report(), true, e.conformance(), e.health(), e.metrics(), stops, e.wspLog(),
        e.inScopeOutputs(), e.cap(), e.projection(), e.families(), e.runRoot(), e.governanceRef());
  }

  private static CloseoutEvidence withProjection(CloseoutEvidence e, Projection p) {
    return new CloseoutEvidence(e.report(), true, e.conformance(), e.health(), e.metrics(), e.wspStops(), e.wspLog(),
        e.inScopeOutputs(), e.cap(), p, e.families(), e.runRoot(), e.governanceRef());
  }
}
