package dev.fp.obsgov.closeout.core;

import dev.fp.obsgov.report.core.Components;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.supervisor.GateCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strict closeout as the automated P11 gate (reference case_ops_obs §7, which left it to a person): every PASS
 * condition is one {@link GateCheck} naming the file it read, expected against actual, and the remedy. Pure.
 */
public final class CloseoutChecks {
  private static final String REPORT = "obs/platform_run_report.json";
  private static final String CONFORMANCE = "obs/environment_conformance.json";

  private CloseoutChecks() {
  }

  public static List<GateCheck> evaluate(CloseoutEvidence e) {
    List<GateCheck> checks = new ArrayList<>();
    checks.add(reportExists(e));
    checks.add(conformance(e));
    checks.add(admitPositive(e));
    checks.add(noAmbiguity(e));
    for (String c : Components.CLOSEOUT) {
      checks.add(green(e, c));
    }
    checks.add(positive(e, Components.AW, "seen_total"));
    checks.add(alParity(e));
    checks.add(zero(e, Components.DLA, "lineage_unresolved_total"));
    checks.add(positive(e, Components.CT, "triggers_seen"));
    checks.add(positive(e, Components.CM, "cases_created"));
    checks.add(positive(e, Components.LS, "accepted"));
    checks.addAll(wsp(e));
    checks.add(evidenceRefsResolved(e));
    checks.add(governanceAppended(e));
    checks.add(reportGenerated(e));
    return checks;
  }

  /** The closeout resolved the report's evidence refs through the corridor, every one of them. */
  static GateCheck evidenceRefsResolved(CloseoutEvidence e) {
    Object basis = e.report() == null ? null : e.report().get("basis");
    Map<?, ?> res = basis instanceof Map<?, ?> b && b.get("evidence_ref_resolution") instanceof Map<?, ?> r ? r : null;
    long attempted = res != null && res.get("attempted") instanceof Number n ? n.longValue() : 0;
    long denied = res != null && res.get("denied") instanceof Number n ? n.longValue() : -1;
    boolean ok = attempted > 0 && denied == 0;
    return GateCheck.of(ok, "evidence_refs_resolved", path(e, REPORT) + " basis.evidence_ref_resolution",
        "attempted > 0, denied = 0", res == null ? "not evaluated" : "attempted=" + attempted + " denied=" + denied
            + (denied > 0 ? " " + res.get("denials") : ""),
        "each denial names its ref and reason (EVIDENCE_REF_RESOLVED / CORRIDOR_ANOMALY in the governance log): "
            + "restore the missing evidence or the resolver allowlist, then re-run P11");
  }

  static GateCheck reportExists(CloseoutEvidence e) {
    boolean ok = e.report() != null && e.reportStored();
    return GateCheck.of(ok, "run_report_written", path(e, REPORT) + " + object store copy", "both present",
        (e.report() == null ? "local missing" : "local present") + ", " + (e.reportStored() ? "stored" : "not stored"),
        "re-run P11 (fp run --resume) so the reporter writes the closeout report");
  }

  static GateCheck conformance(CloseoutEvidence e) {
    Object status = e.conformance() == null ? "missing" : e.conformance().get("status");
    List<String> failing = new ArrayList<>();
    if (e.conformance() != null && e.conformance().get("checks") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c && !"PASS".equals(c.get("status"))) {
          failing.add(c.get("check_id") + " " + c.get("details"));
        }
      }
    }
    return GateCheck.of("PASS".equals(status), "environment_conformance_pass", path(e, CONFORMANCE), "status=PASS",
        "status=" + status + (failing.isEmpty() ? "" : " failing: " + String.join("; ", failing)),
        "fix the failing conformance checks (fp conformance shows them), then re-run P11");
  }

  static GateCheck admitPositive(CloseoutEvidence e) {
    Long admit = ingress(e, "admit");
    return GateCheck.of(admit != null && admit > 0, "ingress_admit_positive", path(e, REPORT) + " ingress.admit",
        "> 0", String.valueOf(admit), "nothing was admitted: see P6/P7 and IG's receipts");
  }

  /** Fail closed on unresolved PUBLISH_AMBIGUOUS: none still ambiguous, no quarantine receipt with that reason. */
  static GateCheck noAmbiguity(CloseoutEvidence e) {
    Long open = ingress(e, "publish_ambiguous");
    Long quarantined = ingress(e, "quarantine_publish_ambiguous");
    boolean ok = open != null && open == 0 && quarantined != null && quarantined == 0;
    return GateCheck.of(ok, "no_publish_ambiguous", path(e, REPORT) + " ingress.publish_ambiguous, "
            + "ingress.quarantine_publish_ambiguous", "0 and 0", open + " and " + quarantined,
        "reconcile each ambiguous admission (POST /v1/ops/reconcile, see ingestion_gate/reconciliation/"
            + "reconciliation.json), then re-run P11");
  }

  static GateCheck green(CloseoutEvidence e, String component) {
    Map<String, Object> doc = e.health().get(component);
    String state = doc == null ? "UNKNOWN (no file)" : String.valueOf(doc.get("health_state"));
    String reasons = doc == null || doc.get("health_reasons") == null ? "" : " " + doc.get("health_reasons");
    return GateCheck.of("GREEN".equals(state), "health_green:" + component,
        path(e, Components.healthFile(component)), "GREEN", state + reasons,
        doc == null ? "the component wrote no health file for this run: is it in its pack and did its phase pass?"
            : "read the health reasons and the component's log; fix, then re-run P11");
  }

  static GateCheck positive(CloseoutEvidence e, String component, String counter) {
    Long v = counter(e, component, counter);
    return GateCheck.of(v != null && v > 0, component + ":" + counter + "_positive",
        path(e, Components.metricsFile(component)) + " metrics." + counter, "> 0",
        v == null ? "UNKNOWN (no file or counter)" : v.toString(),
        "the component did no work for this run: check its phase's gate and its log");
  }

  static GateCheck zero(CloseoutEvidence e, String component, String counter) {
    Long v = counter(e, component, counter);
    return GateCheck.of(v != null && v == 0, component + ":" + counter + "_zero",
        path(e, Components.metricsFile(component)) + " metrics." + counter, "0",
        v == null ? "UNKNOWN (no file or counter)" : v.toString(),
        "resolve the lineage gaps DLA reports (decision_log_audit/reconciliation), then re-run P11");
  }

  /** AL took in as many intents as it produced outcomes (executed + denied + failed). */
  static GateCheck alParity(CloseoutEvidence e) {
    Long intake = counter(e, Components.AL, "intake_total");
    Long executed = counter(e, Components.AL, "outcome_executed_total");
    Long denied = counter(e, Components.AL, "outcome_denied_total");
    Long failed = counter(e, Components.AL, "outcome_failed_total");
    boolean known = intake != null && executed != null;
    long outcomes = known ? executed + (denied == null ? 0 : denied) + (failed == null ? 0 : failed) : -1;
    return GateCheck.of(known && intake == outcomes && intake > 0, "action_layer:intake_equals_outcomes",
        path(e, Components.metricsFile(Components.AL)), "intake_total = outcomes > 0",
        known ? "intake_total=" + intake + " outcomes=" + outcomes : "UNKNOWN (no file or counters)",
        "AL has intents without outcomes: see P9's AL check and al_worker.log");
  }

  /** Every in-scope output's stream ended at the cap (or, when its view was shorter, completed with events). */
  static List<GateCheck> wsp(CloseoutEvidence e) {
    List<GateCheck> out = new ArrayList<>();
    for (String output : e.inScopeOutputs()) {
      WspStops.Stop s = e.wspStops().get(output);
      boolean ok = s != null && (s.emitted() == e.cap() || "complete".equals(s.reason()) && s.emitted() > 0);
      out.add(GateCheck.of(ok, "wsp_emitted_cap:" + output, e.wspLog(), "emitted=" + e.cap(),
          s == null ? "no stream end logged" : "emitted=" + s.emitted() + " reason=" + s.reason(),
          "re-run P6 with the cap (fp run --resume) and read wsp_ready_consumer.log"));
    }
    return out;
  }

  static GateCheck governanceAppended(CloseoutEvidence e) {
    boolean ok = e.projection() != null && e.projection().lines() > 0 && e.projection().complete();
    return GateCheck.of(ok, "governance_events_appended", e.governanceRef(),
        "every event object has exactly one line, no line without an object",
        e.projection() == null ? "no events.jsonl" : e.projection().summary()
            + (e.projection().complete() ? "" : " missing=" + e.projection().missing() + " duplicated="
            + e.projection().duplicated()),
        "S3_APPEND_CONFLICT means concurrent writers: stop the other reporter, then re-run P11 once (it repairs the "
            + "projection from the event objects)");
  }

  static GateCheck reportGenerated(CloseoutEvidence e) {
    boolean ok = e.families().contains(GovernanceFamily.RUN_REPORT_GENERATED.name());
    return GateCheck.of(ok, "governance_run_report_generated", e.governanceRef(), "a RUN_REPORT_GENERATED event",
        ok ? "present" : "absent", "the closeout report did not record its event: re-run P11");
  }

  private static Long ingress(CloseoutEvidence e, String field) {
    if (e.report() == null || !(e.report().get("ingress") instanceof Map<?, ?> in)) {
      return null;
    }
    return in.get(field) instanceof Number n ? n.longValue() : null;
  }

  private static Long counter(CloseoutEvidence e, String component, String name) {
    Map<String, Object> doc = e.metrics().get(component);
    if (doc == null || !(doc.get("metrics") instanceof Map<?, ?> m)) {
      return null;
    }
    return m.get(name) instanceof Number n ? n.longValue() : null;
  }

  private static String path(CloseoutEvidence e, String relative) {
    return e.runRoot() + "/" + relative;
  }
}
