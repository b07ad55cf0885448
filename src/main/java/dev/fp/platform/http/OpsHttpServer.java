package dev.fp.platform.http;

import dev.fp.platform.Metrics;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

import java.util.function.Supplier;

/**
 * The platform's one HTTP server: open probes ({@code /livez}, {@code /readyz}), Prometheus {@code /metrics}, and the
 * routes components mount on {@link #router()} before deployment (IG, operator API). Errors are JSON
 * {@code {"error": CODE, "detail": …}}, never a stack trace.
 */
public final class OpsHttpServer extends VerticleBase {
  private static final Logger LOG = Logging.component("ops");
  private final PlatformConfig.HttpConfig http;
  private final Metrics metrics;
  private final Supplier<Future<Readiness.Result>> readiness;
  private final Router router;
  private volatile boolean draining;
  private HttpServer server;

  public OpsHttpServer(io.vertx.core.Vertx vertx, PlatformConfig.HttpConfig http, Metrics metrics,
                       Supplier<Future<Readiness.Result>> readiness) {
    this.http = http;
    this.metrics = metrics;
    this.readiness = readiness;
    this.router = Router.router(vertx);
    router.get("/livez").handler(rc -> json(rc, 200, new JsonObject().put("status", "live")));
    router.get("/readyz").handler(this::ready);
    router.get("/metrics").handler(rc -> rc.response().putHeader("content-type", "text/plain; version=0.0.4")
        .end(metrics.scrape()));
    router.route().last().handler(rc -> error(rc, 404, "NOT_FOUND", rc.request().path()));
    router.route().failureHandler(this::failure);
  }

  /** Mount component routes here before deploying the verticle. */
  public Router router() { return router; }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(router).listen(http.port(), http.host()).onSuccess(s -> {
      server = s;
      LOG.info("HTTP listening on http://{}:{}", http.host(), s.actualPort());
    });
  }

  @Override
  public Future<?> stop() {
    draining = true;
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Readiness turns 503 as soon as shutdown begins, before intake stops. */
  public void drain() {
    draining = true;
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private void ready(RoutingContext rc) {
    if (draining) {
      json(rc, 503, new JsonObject().put("status", "draining"));
      return;
    }
    readiness.get().onComplete(ar -> {
      boolean ok = ar.succeeded() && ar.result().ready();
      String reason = ar.succeeded() ? ar.result().reason() : "probe_error";
      json(rc, ok ? 200 : 503, new JsonObject().put("status", ok ? "ready" : "not_ready").put("reason", reason));
    });
  }

  private void failure(RoutingContext rc) {
    int code = rc.statusCode() > 0 ? rc.statusCode() : 500;
    if (code >= 500) {
      LOG.error("HTTP {} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    }
    error(rc, code, code >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST",
        code >= 500 ? "internal error; see the platform log" : String.valueOf(rc.failure() == null ? "" : rc.failure().getMessage()));
  }

  public static void error(RoutingContext rc, int status, String code, String detail) {
    json(rc, status, new JsonObject().put("error", code).put("detail", detail));
  }

  public static void json(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
