package dev.fp.ingress.ig.core;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IG health (control_ingress.md §5.11, with our thresholds): RED reasons stop admission (503), AMBER ones are
 * reported only.
 * <ul>
 *   <li>RED {@code OBJECT_STORE_UNHEALTHY}: the last object-store probe failed, or evidence writes failed
 *       {@code objectStoreFailureThreshold} times in a row;</li>
 *   <li>RED {@code OPS_DB_UNHEALTHY}: {@code SELECT 1} failed, or {@link #SLOW_DB_PROBES_RED} probes in a row did
 *       not answer in time (a store hung for that long); AMBER {@code OPS_DB_SLOW} for fewer (a saturated machine
 *       can delay one answer that long: refusing intake for it failed a WSP stream after its retries);</li>
 *   <li>RED {@code BUS_UNHEALTHY}: {@code busFailureThreshold} publishes failed in a row, or a routed topic is
 *       missing;</li>
 *   <li>RED {@code ADMISSION_CYCLE_STUCK}: an admission cycle outlived {@code cycle_timeout_ms} and has not finished
 *       (a publish or store call that never returns); it was answered and its rows turned ambiguous, but intake stops
 *       until it ends;</li>
 *   <li>AMBER {@code BUS_HEALTH_UNKNOWN}: the log could not be probed;</li>
 *   <li>AMBER {@code PUBLISH_AMBIGUOUS_UNRESOLVED}: the run has ambiguous publishes awaiting reconciliation (they block
 *       green closure, not intake);</li>
 *   <li>AMBER {@code ADMISSION_QUEUE_SATURATED}: the admission queue is at least {@code saturationRatio} full.</li>
 * </ul>
 * A restart does not reset it: the ambiguity count comes from the store.
 */
public record HealthRules(int objectStoreFailureThreshold, int busFailureThreshold, double saturationRatio) {
  public static final int SLOW_DB_PROBES_RED = 3;

  public HealthReport evaluate(HealthInputs in, Map<String, Object> metrics) {
    List<String> red = new ArrayList<>();
    List<String> amber = new ArrayList<>();
    if (!in.objectStoreProbeOk() || in.objectStoreFailures() >= objectStoreFailureThreshold) {
      red.add("OBJECT_STORE_UNHEALTHY");
    }
    if (!in.dbProbeOk() || in.dbSlowProbes() >= SLOW_DB_PROBES_RED) {
      red.add("OPS_DB_UNHEALTHY");
    } else if (in.dbSlowProbes() > 0) {
      amber.add("OPS_DB_SLOW");
    }
    if (in.publishFailures() >= busFailureThreshold || Boolean.FALSE.equals(in.busProbe())) {
      red.add("BUS_UNHEALTHY");
    } else if (in.busProbe() == null) {
      amber.add("BUS_HEALTH_UNKNOWN");
    }
    if (in.stuckCycles() > 0) {
      red.add("ADMISSION_CYCLE_STUCK");
    }
    if (in.ambiguousUnresolved() > 0) {
      amber.add("PUBLISH_AMBIGUOUS_UNRESOLVED");
    }
    if (in.queueBound() > 0 && in.queuedEvents() >= saturationRatio * in.queueBound()) {
      amber.add("ADMISSION_QUEUE_SATURATED");
    }
    List<String> reasons = new ArrayList<>(red);
    reasons.addAll(amber);
    HealthState state = !red.isEmpty() ? HealthState.RED : !amber.isEmpty() ? HealthState.AMBER : HealthState.GREEN;
    return new HealthReport(state, reasons, metrics);
  }
}
