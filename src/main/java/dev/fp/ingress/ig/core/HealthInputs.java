package dev.fp.ingress.ig.core;

/**
 * What IG health is computed from: consecutive object-store and publish failures since the last success, the latest
 * probes of the SQL store and the event log, unresolved ambiguous publishes of the run, admission-queue depth, and
 * admission cycles abandoned after their timeout that have not finished yet.
 *
 * @param dbSlowProbes consecutive SQL probes that did not answer within the probe timeout (0 after any answer)
 * @param busProbe null when the log could not be asked (BUS_HEALTH_UNKNOWN)
 */
public record HealthInputs(int objectStoreFailures, boolean objectStoreProbeOk, boolean dbProbeOk, int dbSlowProbes,
                           int publishFailures, Boolean busProbe, long ambiguousUnresolved, int queuedEvents,
                           int queueBound, int stuckCycles) {
}
