package dev.fp.ingress.ig;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.core.ExistingRows;
import dev.fp.ingress.ig.core.QuarantineRecords;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.OpsIndexStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.substrate.eventlog.EventLog;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** What an admission cycle works with: stores, ports, builders, clock, meters, health and governance facts. */
record IgParts(Vertx vertx, IgConfig cfg, StateCommit commits, AdmissionStore admissions, OpsIndexStore ops,
               RunCountersStore counters, EventLog eventLog, EvidenceWriter evidence, Receipts receipts,
               QuarantineRecords quarantines, ExistingRows existingRows, Clock clock, IgMetrics metrics,
               IgHealthMonitor health, Supplier<String> activeRun, IgGovernance governance) {
  static final String UNSCOPED = "unscoped";

  /**
   * The run an event's evidence goes under: the envelope's platform_run_id when it is a valid one, else IG's active
   * run, else {@code unscoped}.
   */
  String runOf(Map<String, Object> envelope) {
    Object id = envelope.get(EnvelopeFields.PLATFORM_RUN_ID);
    if (id instanceof String s && PlatformRunIds.isValid(s)) {
      return s;
    }
    String active = activeRun.get();
    return active == null ? UNSCOPED : active;
  }

  String receiptsPrefix(Map<String, Object> envelope) {
    return runOf(envelope) + "/ig/receipts";
  }

  String quarantinePrefix(Map<String, Object> envelope) {
    return runOf(envelope) + "/ig/quarantine";
  }
}
