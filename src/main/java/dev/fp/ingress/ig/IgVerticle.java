package dev.fp.ingress.ig;

import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.core.AdmissionChecks;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.ingress.ig.core.ExistingRows;
import dev.fp.ingress.ig.core.HealthRules;
import dev.fp.ingress.ig.core.IgPolicy;
import dev.fp.ingress.ig.core.QuarantineRecords;
import dev.fp.ingress.ig.core.RateLimiter;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.core.Stamp;
import dev.fp.ingress.ig.store.AdmissionStore;
import dev.fp.ingress.ig.store.IgTables;
import dev.fp.ingress.ig.store.OpsIndexStore;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.governance.GovernanceOutbox;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.Route;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Ingestion Gate, process {@code ig_service}: the admission authority (ARCHITECTURE §6). On start it loads the
 * API keys and the policy (failing start-up on a bad file), opens its StateStore tables (refusing the SQL state of an
 * older build), reconciles admissions a crash left in flight against the log ({@link InFlightRecovery}) before
 * intake opens, probes its dependencies, mounts its HTTP routes on the platform router, serves the in-process
 * admission address {@link dev.fp.platform.ingest.IgAdmissionClient#ADDRESS} and the durable counters at
 * {@link dev.fp.platform.query.IgCountersClient#ADDRESS}, records its governance facts ({@link IgGovernance}), and
 * writes {@code ingestion_gate/health/last_health.json}, {@code metrics/last_metrics.json} and {@code reconciliation/reconciliation.json} for the active run periodically
 * and on stop.
 */
public final class IgVerticle extends VerticleBase {
  public static final String PROCESS_ID = "ig_service";
  public static final String COMPONENT = "ingestion_gate";
  private static final Logger LOG = Logging.component(PROCESS_ID);
  /** Units of store work one group-commit batch takes at most (claims, settlements, sweeps, reconciliations). */
  private static final int GROUP_COMMIT_MAX_UNITS = 64;
  /**
   * A dependency probe that has not answered after this long (or a probe interval, if longer) counts as failed; a
   * loaded SQLite commit can hold the one connection for a second, a hung store forever.
   */
  private static final long HEALTH_PROBE_TIMEOUT_MS = 10_000;
  /** Unresolved ambiguous admissions listed in the reconciliation file at most. */
  private static final int RECONCILIATION_LIMIT = 100;
  private final PlatformServices services;
  private final EventLog eventLog;
  private volatile String activeRun;
  private IgConfig cfg;
  private EvidenceWriter evidence;
  private IgMetrics metrics;
  private IgHealthMonitor health;
  private IgGovernance governance;
  private AdmissionService service;
  private AdmissionStore admissions;
  private List<Route> routes = List.of();
  private MessageConsumer<?> consumer;
  private MessageConsumer<?> countersConsumer;
  private long probeTimer = -1;
  private long exportTimer = -1;

  private record Boot(ApiKeys keys, IgPolicyLoader.Loaded policy, String activeRun) {
  }

  public IgVerticle(PlatformServices services) {
    this(services, services.substrate().eventLog());
  }

  /** With the event log wrapped by a decorator (metering, fault injection); IG publishes only through it. */
  IgVerticle(PlatformServices services, EventLog eventLog) {
    this.services = services;
    this.eventLog = eventLog;
  }

  @Override
  public Future<?> start() {
    PlatformConfig platform = services.config();
    cfg = IgConfig.from(platform.components().section("ig"), platform);
    return vertx.executeBlocking(() -> new Boot(keys(platform), IgPolicyLoader.load(platform, cfg), resolveRun()))
        .compose(boot -> services.substrate().objectStore().ensureBucket(IgConfig.EVIDENCE_BUCKET).map(boot))
        .compose(this::wire)
        .onSuccess(v -> LOG.info("IG ready: evidence layout {}, queue bound {}, {} cycles in flight, run {}",
            cfg.evidence().layout().wire(), cfg.admissionQueueEvents(), cfg.maxCyclesInFlight(), activeRun));
  }

  private Future<Void> wire(Boot boot) {
    var substrate = services.substrate();
    return substrate.stateStore()
        .compose(state -> OlderStateCheck.check(substrate.db(), state, services.config().runsRoot()).map(state))
        .compose(state -> state.ensureTables(IgTables.ALL).map(state))
        .compose(state -> wire(boot, state));
  }

  private Future<Void> wire(Boot boot, StateStore state) {
    activeRun = boot.activeRun();
    IgPolicy policy = boot.policy().policy();
    var substrate = services.substrate();
    admissions = new AdmissionStore(state);
    OpsIndexStore ops = new OpsIndexStore(state);
    RunCountersStore counters = new RunCountersStore(state);
    metrics = new IgMetrics(services.metrics().registry());
    StateCommit commits = new StateCommit(state, context, GROUP_COMMIT_MAX_UNITS);
    evidence = EvidenceWriters.create(vertx, substrate.objectStore(), Future.succeededFuture(state), cfg.evidence());
    health = new IgHealthMonitor(new HealthRules(cfg.objectStoreFailureThreshold(), cfg.busFailureThreshold(),
        cfg.saturationAmberPercent() / 100.0), substrate.db(), substrate.objectStore(), IgConfig.EVIDENCE_BUCKET,
        eventLog, topics(policy), admissions, counters, () -> service == null ? 0 : service.queuedEvents(),
        cfg.admissionQueueEvents(), () -> service == null ? 0 : service.stuckCycles(),
        Math.max(cfg.healthProbeIntervalMs(), HEALTH_PROBE_TIMEOUT_MS));
    Stamp stamp = new Stamp(policy.rev(), cfg.serviceReleaseId(), services.config().profile());
    governance = new IgGovernance(new GovernanceOutbox(vertx, LOG), policy.rev());
    IgParts parts = new IgParts(vertx, cfg, commits, admissions, ops, counters, eventLog, evidence,
        new Receipts(stamp), new QuarantineRecords(stamp),
        new ExistingRows(cfg.inFlightRetryAfterSeconds(), cfg.ambiguousRetryAfterSeconds()), services.clock(), metrics,
        health, () -> activeRun, governance);
    AdmissionChecks checks = new AdmissionChecks(policy, boot.policy().schemas());
    service = new AdmissionService(parts, checks, context);
    IgReconciler reconciler = new IgReconciler(parts, checks);
    RateLimiter limiter = new RateLimiter(cfg.rateLimitPerMinute(), services.clock());
    gauges();
    return new InFlightRecovery(parts, reconciler).run().compose(r -> health.probe(activeRun)).map(r -> {
      routes = new IgRoutes(cfg, boot.keys(), limiter, service, health,
          new IgLookup(admissions, ops, evidence, () -> activeRun), reconciler, metrics)
          .mount(services.router());
      consumer = new IgBusEndpoint(boot.keys(), limiter, service, metrics).register(vertx);
      countersConsumer = new IgCountersEndpoint(state).register(vertx.eventBus());
      probeTimer = vertx.setPeriodic(cfg.healthProbeIntervalMs(), t -> probe());
      exportTimer = vertx.setPeriodic(cfg.healthExportIntervalMs(), t -> export());
      governance.policyActivated(activeRun);
      LOG.info("IG policy {} rev {} run_config_digest {}; API keys from {} ({} keys); admissions in {}",
          policy.rev().policyId(), policy.rev().revision(), policy.runConfigDigest(), boot.keys().source(),
          boot.keys().size(), state.description());
      return null;
    });
  }

  /**
   * Intake answers 503 IG_DRAINING from now on; queued and running cycles finish (within the drain budget), then the
   * routes and the bus address go away, evidence is flushed and health is exported one last time.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(probeTimer);
    vertx.cancelTimer(exportTimer);
    if (service == null) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    vertx.setTimer(services.config().drainSeconds() * 1000L, t -> drained.tryComplete());
    service.drain().onComplete(ar -> drained.tryComplete());
    return drained.future()
        .compose(v -> {
          routes.forEach(Route::remove);
          return Future.all(consumer == null ? Future.<Void>succeededFuture() : consumer.unregister(),
              countersConsumer == null ? Future.<Void>succeededFuture() : countersConsumer.unregister())
              .<Void>mapEmpty();
        })
        .compose(v -> evidence.close())
        .compose(v -> health.probe(activeRun))
        .compose(r -> writeHealth())
        .eventually(() -> {
          metrics.close();
          return Future.succeededFuture();
        });
  }

  private void gauges() {
    metrics.gauge("fp.ig.admission.queue.events", "envelopes waiting for an admission cycle",
        () -> service.queuedEvents());
    metrics.gauge("fp.ig.cycles.in.flight", "admission cycles running", () -> service.cyclesInFlight());
    metrics.gauge("fp.ig.health.state", "IG health: 0 GREEN, 1 AMBER, 2 RED",
        () -> health.report().state().ordinal());
  }

  private void probe() {
    health.probe(activeRun).compose(r -> service.sweepStale())
        .onFailure(err -> LOG.warn("IG health probe failed: {}", err.getMessage()));
  }

  private void export() {
    // probe for the run just resolved before writing: the periodic probe may have read another run's counters (or
    // none) and the reporter takes the exported counters as IG's word for this run
    vertx.executeBlocking(this::resolveRun).onSuccess(run -> {
          activeRun = run;
          governance.policyActivated(run);
        })
        .compose(run -> run == null ? Future.succeededFuture() : health.probe(run).mapEmpty())
        .compose(v -> writeHealth())
        .onFailure(err -> LOG.warn("IG health export failed: {}", err.getMessage()));
  }

  /**
   * {@code health/last_health.json}, {@code metrics/last_metrics.json} and
   * {@code reconciliation/reconciliation.json} (the run's unresolved PUBLISH_AMBIGUOUS admissions, oldest first, with
   * the remedy) for the active run.
   */
  private Future<Void> writeHealth() {
    String run = activeRun;
    if (run == null) {
      return Future.succeededFuture();
    }
    var report = health.report();
    return admissions.unsettled(run, AdmissionState.PUBLISH_AMBIGUOUS, RECONCILIATION_LIMIT)
        .compose(ambiguous -> vertx.executeBlocking(() -> {
          services.health().write(run, COMPONENT, report);
          JsonFiles.write(services.health().componentDir(run, COMPONENT).resolve("reconciliation/reconciliation.json"),
              reconciliation(run, report.metrics(), ambiguous));
          return null;
        }));
  }

  private Map<String, Object> reconciliation(String run, Map<String, Object> metrics, List<AdmissionRow> ambiguous) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AdmissionRow r : ambiguous) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dedupe_key", r.dedupeKey());
      m.put("event_id", r.eventId());
      m.put("event_class", r.eventClass());
      m.put("event_type", r.eventType());
      m.put("topic", r.ebTopic());
      m.put("state_reason", r.stateReason());
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generated_at_utc", dev.fp.contract.Timestamps.now(services.clock()));
    out.put("platform_run_id", run);
    out.put("totals", metrics);
    out.put("publish_ambiguous_unresolved", rows);
    out.put("remedy", "POST /v1/ops/reconcile {\"dedupe_key\": …, \"action\": \"check\"|\"release\"} with an "
        + "operator key; ambiguous admissions block green closure");
    return out;
  }

  private ApiKeys keys(PlatformConfig platform) {
    ConfFiles.Text text = ConfFiles.read(platform, cfg.apiKeysFile());
    return ApiKeys.parse(text.source(), text.text().lines().toList());
  }

  private String resolveRun() {
    return new PlatformRunIds(services.clock()).resolve(services.config().runsRoot(), System.getenv()).orElse(null);
  }

  private static Set<String> topics(IgPolicy policy) {
    return policy.classMap().requiredPins().keySet().stream().map(c -> policy.routeOf(c).topic())
        .collect(Collectors.toSet());
  }
}
