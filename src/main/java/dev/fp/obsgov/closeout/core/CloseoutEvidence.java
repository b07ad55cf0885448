package dev.fp.obsgov.closeout.core;

import dev.fp.obsgov.governance.core.Projection;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the strict closeout reads, already loaded (paths are for the evidence text).
 *
 * @param report          {@code obs/platform_run_report.json}, null when absent
 * @param reportStored    whether the report is also in the object store
 * @param conformance     {@code obs/environment_conformance.json}, null when absent
 * @param health          component folder → its last_health.json (absent when missing)
 * @param metrics         component folder → its last_metrics.json (absent when missing)
 * @param wspStops        WSP's last stream end per output, from its process log
 * @param wspLog          that log's path
 * @param inScopeOutputs  the outputs the run's mode streams
 * @param cap             the run's cap per output
 * @param projection      events.jsonl against the event objects; null when there is no events.jsonl
 * @param families        the families of the run's recorded governance events
 * @param runRoot         the local run root, for evidence text
 * @param governanceRef   where events.jsonl lives, for evidence text
 */
public record CloseoutEvidence(Map<String, Object> report, boolean reportStored, Map<String, Object> conformance,
                               Map<String, Map<String, Object>> health, Map<String, Map<String, Object>> metrics,
                               Map<String, WspStops.Stop> wspStops, String wspLog, List<String> inScopeOutputs,
                               long cap, Projection projection, Set<String> families, String runRoot,
                               String governanceRef) {
}
