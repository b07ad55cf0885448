package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.core.HealthInputs;
import dev.fp.ingress.ig.core.HealthRules;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Tracks what IG health is computed from: failure streaks reported by the admission cycles (reset by the next
 * success, or by a good probe once no publish failed since the previous probe), and periodic probes of the SQL store
 * ({@code SELECT 1}), the object store (evidence bucket), the event log (every routed topic exists) and the run's
 * durable counters. A probe that does not answer within {@code probeTimeoutMs} counts as failed (a hung store must not
 * leave the last GREEN in place) — except the SQL probe, whose timeouts are counted: on a saturated machine one
 * {@code SELECT 1} can wait that long behind other statements, so a slow answer makes health AMBER and only a run of
 * them RED (see {@link HealthRules}); a failed answer is RED at once.
 * {@link #report()} evaluates {@link HealthRules} on the latest values; safe to call from any thread.
 */
final class IgHealthMonitor {
  private final HealthRules rules;
  private final Db db;
  private final ObjectStore objectStore;
  private final String bucket;
  private final EventLog eventLog;
  private final Set<String> topics;
  private final AdmissionStore admissions;
  private final RunCountersStore counters;
  private final IntSupplier queuedEvents;
  private final int queueBound;
  private final IntSupplier stuckCycles;
  private final long probeTimeoutMs;
  private final AtomicInteger objectStoreFailures = new AtomicInteger();
  private final AtomicInteger publishFailures = new AtomicInteger();
  /** The publish-failure streak the previous probe saw: a good probe clears only a streak that stopped growing. */
  private int publishFailuresAtLastProbe;
  private volatile boolean objectStoreProbeOk = true;
  private volatile boolean dbOk = true;
  /** Consecutive SQL probes that did not answer in time (reset by any answer). */
  private volatile int dbSlowProbes;
  private volatile Boolean busProbe = Boolean.TRUE;
  private volatile long ambiguous;
  private volatile Map<String, Object> runCounters = Map.of();
  private volatile String countersRunId;

  IgHealthMonitor(HealthRules rules, Db db, ObjectStore objectStore, String bucket, EventLog eventLog,
                  Set<String> topics, AdmissionStore admissions, RunCountersStore counters, IntSupplier queuedEvents,
                  int queueBound, IntSupplier stuckCycles, long probeTimeoutMs) {
    this.rules = rules;
    this.db = db;
    this.objectStore = objectStore;
    this.bucket = bucket;
    this.eventLog = eventLog;
    this.topics = Set.copyOf(topics);
    this.admissions = admissions;
    this.counters = counters;
    this.queuedEvents = queuedEvents;
    this.queueBound = queueBound;
    this.stuckCycles = stuckCycles;
    this.probeTimeoutMs = probeTimeoutMs;
  }

  void objectStoreSucceeded() {
    if (objectStoreFailures.get() != 0) {
      objectStoreFailures.set(0);
    }
  }

  void objectStoreFailed() {
    objectStoreFailures.incrementAndGet();
  }

  void publishSucceeded() {
    if (publishFailures.get() != 0) {
      publishFailures.set(0);
    }
  }

  void publishFailed() {
    publishFailures.incrementAndGet();
  }

  /** Probes every dependency and reads the run's counters ({@code runId} may be null: no run yet). */
  Future<HealthReport> probe(String runId) {
    Future<DbAnswer> sql = db.query("SELECT 1 AS one", Tuple.tuple()).map(r -> DbAnswer.OK).otherwise(DbAnswer.FAILED)
        .timeout(probeTimeoutMs, TimeUnit.MILLISECONDS).otherwise(DbAnswer.SLOW);
    Future<Boolean> store = bounded(objectStore.bucketExists(bucket), false);
    Future<Boolean> bus = bounded(eventLog.topics().map(existing -> existing.containsAll(topics)), false);
    Future<Long> amb = runId == null ? Future.succeededFuture(0L)
        : bounded(admissions.countUnsettled(runId, AdmissionState.PUBLISH_AMBIGUOUS), ambiguous);
    // a counters read that fails or times out keeps the last counters read: exporting none would tell the
    // reporter (and P11) that nothing was admitted
    Future<Map<String, Long>> runCount = runId == null ? Future.succeededFuture(Map.of())
        : bounded(counters.read(runId), null);
    return Future.join(sql, store, bus, amb, runCount).transform(ar -> {
      if (sql.result() == DbAnswer.SLOW) {
        dbSlowProbes++;
      } else {
        dbSlowProbes = 0;
        dbOk = sql.result() == DbAnswer.OK;
      }
      objectStoreProbeOk = store.result();
      if (objectStoreProbeOk) {
        objectStoreFailures.set(0);
      }
      busProbe = bus.result();
      // topics answering do not prove publishes work: a streak still growing since the last probe stays
      int streak = publishFailures.get();
      if (Boolean.TRUE.equals(busProbe) && streak == publishFailuresAtLastProbe) {
        publishFailures.compareAndSet(streak, 0);
      }
      publishFailuresAtLastProbe = publishFailures.get();
      ambiguous = amb.result();
      if (runCount.result() != null) {
        runCounters = new LinkedHashMap<>(runCount.result());
        countersRunId = runId;
      } else if (!java.util.Objects.equals(countersRunId, runId)) {
        runCounters = Map.of();
      }
      return Future.succeededFuture(report());
    });
  }

  private enum DbAnswer { OK, FAILED, SLOW }

  /** The probe's answer, or {@code otherwise} when it failed or did not answer in time. */
  private <T> Future<T> bounded(Future<T> probe, T otherwise) {
    return probe.timeout(probeTimeoutMs, TimeUnit.MILLISECONDS).otherwise(otherwise);
  }

  HealthReport report() {
    Map<String, Object> metrics = new LinkedHashMap<>(runCounters);
    metrics.put("publish_ambiguous_unresolved", ambiguous);
    metrics.put("admission_queue_events", queuedEvents.getAsInt());
    metrics.put("consecutive_publish_failures", publishFailures.get());
    metrics.put("consecutive_object_store_failures", objectStoreFailures.get());
    metrics.put("stuck_admission_cycles", stuckCycles.getAsInt());
    return rules.evaluate(new HealthInputs(objectStoreFailures.get(), objectStoreProbeOk, dbOk, dbSlowProbes, publishFailures.get(),
        busProbe, ambiguous, queuedEvents.getAsInt(), queueBound, stuckCycles.getAsInt()), metrics);
  }

  /** True when admission must stop (503 IG_UNHEALTHY). */
  boolean isRed() {
    return rules.evaluate(new HealthInputs(objectStoreFailures.get(), objectStoreProbeOk, dbOk, dbSlowProbes, publishFailures.get(),
        busProbe, 0, 0, 0, stuckCycles.getAsInt()), Map.of()).state() == HealthState.RED;
  }
}
