package dev.fp.obsgov.report.core;

import java.util.List;
import java.util.Map;

/**
 * Everything the run report is computed from, already read (so {@link RunReport} is pure).
 *
 * @param wspReadyLines   lines of {@code <run>/wsp/ready_runs/*.jsonl} in the object store
 * @param health          component folder → its {@code last_health.json}, absent when the file does not exist
 * @param metrics         component folder → its {@code last_metrics.json}, absent when the file does not exist
 * @param receiptRefs     up to 50 receipt object refs of the run
 * @param quarantineRefs  up to 50 quarantine object refs of the run
 * @param reconciliationRefs component reconciliation files that exist (run-relative)
 * @param logEndOffsets   P7's {@code supervisor/p7_log_end_offsets.json}, or null when absent
 * @param conformance     the environment conformance document computed for this report
 * @param igCounters      IG's durable counters of the run ({@code decision.ADMIT}, …, and
 *                        {@code publish_ambiguous_unresolved}) as IG answered them, or null when IG did not answer
 * @param igCountersBasis where those counters were read, or why they could not be
 * @param evidenceRefResolution how the closeout's evidence refs resolved ({@code attempted, resolved, denied,
 *                        allowlist_size, denials}); null for an interim report, which resolves none
 * @param decisionQuality DF's {@code decision_quality.json}, or null when absent
 */
public record ReportInputs(String platformRunId, String generatedAtUtc, String profile, String runPrefix,
                           List<Map<String, Object>> wspReadyLines, Map<String, Map<String, Object>> health,
                           Map<String, Map<String, Object>> metrics, List<String> receiptRefs,
                           List<String> quarantineRefs, List<String> reconciliationRefs,
                           Map<String, Object> logEndOffsets, Map<String, Object> conformance,
                           Map<String, Object> igCounters, String igCountersBasis,
                           Map<String, Object> evidenceRefResolution, Map<String, Object> decisionQuality) {

  /** These inputs with the closeout's evidence-ref resolution. */
  public ReportInputs withEvidenceRefResolution(Map<String, Object> resolution) {
    return new ReportInputs(platformRunId, generatedAtUtc, profile, runPrefix, wspReadyLines, health, metrics,
        receiptRefs, quarantineRefs, reconciliationRefs, logEndOffsets, conformance, igCounters, igCountersBasis,
        resolution, decisionQuality);
  }

  /** {@code metrics{…}} of a component's metrics file, or null when the file is absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> metricsOf(String component) {
    Map<String, Object> doc = metrics.get(component);
    return doc == null ? null : doc.get("metrics") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** GREEN, AMBER or RED from a component's health file; {@code UNKNOWN} when there is none. */
  public String healthOf(String component) {
    Map<String, Object> doc = health.get(component);
    return doc == null || doc.get("health_state") == null ? "UNKNOWN" : doc.get("health_state").toString();
  }
}
