package dev.fp.obsgov;

import dev.fp.contract.OutputIds;
import dev.fp.contract.Timestamps;
import dev.fp.obsgov.closeout.core.CloseoutChecks;
import dev.fp.obsgov.closeout.core.CloseoutEvidence;
import dev.fp.obsgov.closeout.core.WspStops;
import dev.fp.obsgov.governance.GovernanceReader;
import dev.fp.obsgov.report.ReporterLock;
import dev.fp.obsgov.report.ReporterWorkerVerticle;
import dev.fp.obsgov.report.RunReporter;
import dev.fp.obsgov.report.core.Components;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.governance.GovernanceClient;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;

/**
 * P11 OBS_GOV_CLOSED. Entry: has the reporter write the closeout — the obs_gov pack's worker when it runs in this
 * process, else this phase under the run's reporter lock (refused, naming the holder, while another reporter runs:
 * the seed's "P11 only while the reporter is not appending"); IG's counters are read from IG's durable table when the
 * closeout asks, so the report holds every admission of P10, and its evidence refs are resolved — and has the
 * governance writer repair {@code events.jsonl} from the event objects. Gate: the strict closeout of {@link CloseoutChecks}; when every check
 * passes the run's {@code RUN_ENDED} is recorded and must land. Commit evidence: the local
 * {@code obs/platform_run_report.json}.
 */
public final class ObsGovClosedPhase implements PhaseHandler {
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;
  private static final long FRESHNESS_POLL_MS = 250;
  private static final List<String> FRESH_EXPORTS = java.util.stream.Stream.concat(java.util.stream.Stream.of(
      Components.IG), Components.CLOSEOUT.stream()).toList();
  private final Duration timeout;
  private final Function<RunContext, Future<?>> igCounters;

  /**
   * @param igCounters makes IG's counters answer in this process before a closeout here (the composition root serves
   *                   them from IG's durable tables when no IG runs in the process)
   */
  public ObsGovClosedPhase(Duration timeout, Function<RunContext, Future<?>> igCounters) {
    this.timeout = timeout;
    this.igCounters = igCounters;
  }

  @Override
  public Phase phase() { return Phase.P11; }

  @Override
  public Future<String> enter(RunContext run) {
    Instant began = run.clock().instant();
    long deadline = System.nanoTime() + timeout.toNanos();
    return awaitFreshMetrics(run, began, deadline)
        .compose(v -> closeout(run))
        .compose(v -> new GovernanceClient(run.vertx()).project(run.runId()))
        .map(v -> run.runRoot().resolve(ObsKeys.REPORT).toString());
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return evidence(run).map(CloseoutChecks::evaluate).compose(checks -> {
      if (!checks.stream().allMatch(GateCheck::pass)) {
        return Future.succeededFuture(checks);
      }
      GovernanceEmit ended = GovernanceEmit.system(GovernanceFamily.RUN_ENDED, run.runId(), "supervisor",
          "run_ended:" + run.runId(), Map.of("phase", Phase.P11.label(), "closeout", "PASS"));
      return new GovernanceClient(run.vertx()).emit(ended).transform(ar -> {
        List<GateCheck> all = new ArrayList<>(checks);
        all.add(GateCheck.of(ar.succeeded(), "governance_run_ended", governanceRef(run), "RUN_ENDED recorded",
            ar.succeeded() ? "recorded " + ar.result().eventId() : "not recorded: " + ar.cause().getMessage(),
            "start the obs_gov pack's governance_writer and re-run P11"));
        return Future.succeededFuture(all);
      });
    });
  }

  /**
   * Waits until IG and every closeout component exported their files after P11 began: the report, the checks and the
   * evidence map read them, and one written before P10 passed may miss the chain's last records (a Gate-20 run
   * reaches P11 within a component's export interval).
   */
  private static Future<Void> awaitFreshMetrics(RunContext run, Instant began, long deadline) {
    return run.vertx().executeBlocking(() -> staleMetrics(run.runRoot(), began)).compose(stale -> {
      if (stale.isEmpty()) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new IllegalStateException("no metrics exported after P11 began by " + stale
            + ": are their packs running?"));
      }
      return run.vertx().timer(FRESHNESS_POLL_MS).compose(v -> awaitFreshMetrics(run, began, deadline));
    });
  }

  private static List<String> staleMetrics(Path runRoot, Instant began) {
    List<String> stale = new ArrayList<>();
    for (String component : FRESH_EXPORTS) {
      Path file = runRoot.resolve(Components.metricsFile(component));
      Object at = Files.isRegularFile(file) ? JsonFiles.read(file).get("generated_at_utc") : null;
      if (at == null || Timestamps.parse(at.toString()).isBefore(began)) {
        stale.add(component);
      }
    }
    return stale;
  }

  /** The worker's closeout when it runs here; otherwise this phase writes it under the lock. */
  private Future<Void> closeout(RunContext run) {
    return run.vertx().eventBus().<JsonObject>request(ReporterWorkerVerticle.CLOSEOUT_ADDRESS,
            new JsonObject().put("platform_run_id", run.runId()),
            new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .<Void>mapEmpty()
        .recover(err -> err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
            ? closeoutUnderLock(run) : Future.failedFuture(err));
  }

  private Future<Void> closeoutUnderLock(RunContext run) {
    return igCounters.apply(run)
        .compose(v -> ReporterLock.of(run.vertx(), run.substrate())
            .acquire(run.runId(), ReporterWorkerVerticle.holderName("P11 closeout")))
        .compose(lease -> new RunReporter(run.vertx(), run.substrate(), run.clock()).closeout(run.runId())
            .eventually(lease::release))
        .mapEmpty();
  }

  private Future<CloseoutEvidence> evidence(RunContext run) {
    Path root = run.runRoot();
    var store = run.substrate().objectStore();
    Future<Map<String, Object>> local = run.vertx().executeBlocking(() -> readLocal(run, root));
    Future<Boolean> stored = store.head(ObsKeys.BUCKET, ObsKeys.key(run.runId(), ObsKeys.REPORT))
        .map(java.util.Optional::isPresent);
    var projection = store.head(ObsKeys.BUCKET, ObsKeys.key(run.runId(), ObsKeys.EVENTS_JSONL))
        .compose(h -> h.isPresent() ? GovernanceReader.projection(store, run.runId()) : Future.succeededFuture(null));
    Future<Set<String>> families = GovernanceReader.events(store, run.runId()).map(events -> {
      Set<String> out = new LinkedHashSet<>();
      events.forEach(e -> out.add(String.valueOf(e.get("event_family"))));
      return out;
    });
    return Future.all(local, stored, projection, families).map(all -> {
      Map<String, Object> l = local.result();
      @SuppressWarnings("unchecked")
      CloseoutEvidence e = new CloseoutEvidence((Map<String, Object>) l.get("report"), stored.result(),
          (Map<String, Object>) l.get("conformance"), (Map<String, Map<String, Object>>) l.get("health"),
          (Map<String, Map<String, Object>>) l.get("metrics"), (Map<String, WspStops.Stop>) l.get("wsp"),
          l.get("wsp_log").toString(), inScope(run.options().mode()), run.options().capPerOutput(),
          projection.result(), families.result(), root.toString(), governanceRef(run));
      return e;
    });
  }

  /** Blocking reads of the local evidence. */
  private static Map<String, Object> readLocal(RunContext run, Path root) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("report", readIfExists(root.resolve(ObsKeys.REPORT)));
    out.put("conformance", readIfExists(root.resolve(ObsKeys.CONFORMANCE)));
    Map<String, Map<String, Object>> health = new LinkedHashMap<>();
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    for (String c : Components.ALL) {
      Map<String, Object> h = readIfExists(root.resolve(Components.healthFile(c)));
      Map<String, Object> m = readIfExists(root.resolve(Components.metricsFile(c)));
      if (h != null) {
        health.put(c, h);
      }
      if (m != null) {
        metrics.put(c, m);
      }
    }
    out.put("health", health);
    out.put("metrics", metrics);
    Path log = wspLog(run);
    out.put("wsp_log", log);
    try {
      out.put("wsp", WspStops.parse(Files.isRegularFile(log) ? Files.readAllLines(log) : List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + log, e);
    }
    return out;
  }

  /** {@code runs/fraud-platform/<run>/operate/<profile>_control_ingress_v0/logs/wsp_ready_consumer.log}. */
  static Path wspLog(RunContext run) {
    return run.runRoot().resolve("operate").resolve(run.config().profile() + "_control_ingress_v0")
        .resolve("logs/wsp_ready_consumer.log");
  }

  static List<String> inScope(String mode) {
    List<String> out = new ArrayList<>();
    out.add("baseline".equals(mode) ? OutputIds.TRAFFIC_BASELINE : OutputIds.TRAFFIC_FRAUD);
    out.addAll("baseline".equals(mode) ? OutputIds.BASELINE_CONTEXT : OutputIds.FRAUD_CONTEXT);
    return out;
  }

  private static String governanceRef(RunContext run) {
    return run.substrate().objectStore().uri(ObsKeys.BUCKET, ObsKeys.key(run.runId(), ObsKeys.EVENTS_JSONL));
  }

  private static Map<String, Object> readIfExists(Path file) {
    return Files.isRegularFile(file) ? JsonFiles.read(file) : null;
  }
}
