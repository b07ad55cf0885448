package dev.fp.platform;

import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.PackManager;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running platform process: the Vert.x instance, the opened substrate, the meter registry, the pack manager,
 * the HTTP server and the build's {@link Catalog} of packs and phases. {@link #shutdown()} is the SIGTERM path:
 * readiness 503, packs drain and stop (checkpoints commit in their stop), the substrate closes, Vert.x closes.
 */
public final class PlatformRuntime {
  private static final Logger LOG = Logging.component("platform");
  private final Vertx vertx;
  private final Substrate substrate;
  private final Metrics metrics;
  private final PackManager packs;
  private final OpsHttpServer http;
  private final Clock clock;
  private final Catalog catalog;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile String runId;
  private volatile boolean started;

  private PlatformRuntime(Vertx vertx, Substrate substrate, Metrics metrics, OpsHttpServer http, Clock clock,
                          Catalog catalog) {
    this.vertx = vertx;
    this.substrate = substrate;
    this.metrics = metrics;
    this.clock = clock;
    this.packs = new PackManager(vertx, substrate.config().platformRoot(), substrate.config().profile(), clock);
    this.http = http;
    this.catalog = catalog;
  }

  /** Opens the substrate and starts the HTTP server; fails with SubstrateUnavailableException (exit 4). */
  public static Future<PlatformRuntime> start(PlatformConfig cfg, Clock clock, Catalog catalog) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
    Metrics metrics = new Metrics(cfg.profile());
    return Substrate.open(vertx, cfg).compose(substrate -> {
      PlatformRuntime[] self = new PlatformRuntime[1];
      OpsHttpServer http = new OpsHttpServer(vertx, cfg.http(), metrics, () -> self[0].readiness());
      self[0] = new PlatformRuntime(vertx, substrate, metrics, http, clock, catalog);
      return vertx.deployVerticle(http).map(id -> self[0]);
    }).recover(err -> {
      // Fail first, then close: a listener on vertx.close() is dispatched to an event loop the close has already
      // terminated, so the failure never arrived and `fp run` waited its whole start-up timeout.
      vertx.close();
      return Future.failedFuture(err);
    });
  }

  public Vertx vertx() { return vertx; }

  public Substrate substrate() { return substrate; }

  public Metrics metrics() { return metrics; }

  public PackManager packs() { return packs; }

  public OpsHttpServer http() { return http; }

  public Clock clock() { return clock; }

  public Catalog catalog() { return catalog; }

  /** The services component verticles are built with; their config carries the port the server really bound. */
  public PlatformServices services() {
    return new PlatformServices(vertx, substrate.config().withHttpPort(http.actualPort()), substrate, metrics,
        http.router(),
        new dev.fp.platform.health.HealthArtifacts(substrate.config().platformRoot(), clock), clock);
  }

  /** Records the run this process works for (logs, metrics, pack state). */
  public void activeRun(String platformRunId) {
    this.runId = platformRunId;
    dev.fp.platform.log.LogContext.runId(platformRunId);
    metrics.activeRun(platformRunId);
  }

  /** Marks start-up complete (packs deployed, APIs mounted): from now on readiness follows the substrate. */
  public void markStarted() {
    started = true;
  }

  /** Ready once start-up completed and while the substrate answers; packs report their own readiness in status. */
  private Future<Readiness.Result> readiness() {
    if (!started) {
      return Future.succeededFuture(new Readiness.Result(false, "starting"));
    }
    return new SubstrateBootstrap(substrate).check().map(checks -> checks.stream().allMatch(c -> c.pass())
        ? new Readiness.Result(true, "substrate_ready")
        : new Readiness.Result(false, "substrate_not_ready"));
  }

  /** Drains and stops everything; safe to call twice. */
  public Future<Void> shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    LOG.info("shutting down: readiness 503, draining packs");
    http.drain();
    Future<Void> chain = Future.succeededFuture();
    if (runId != null) {
      java.util.List<PackSpec> reverse = new java.util.ArrayList<>(catalog.packs(services()));
      java.util.Collections.reverse(reverse);
      for (PackSpec pack : reverse) {
        chain = chain.compose(v -> packs.down(pack, runId).mapEmpty());
      }
    }
    return chain.eventually(substrate::close).eventually(vertx::close).mapEmpty();
  }
}
