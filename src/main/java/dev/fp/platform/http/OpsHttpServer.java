package dev.fp.platform.http;

import dev.fp.platform.Metrics;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The platform's one HTTP server: open probes ({@code /livez}, {@code /readyz}), Prometheus {@code /metrics}, and the
 * routes components mount on {@link #router()} before deployment (IG, operator API). Errors are JSON
 * {@code {"error": CODE, "detail": …}}, never a stack trace; a malformed request is a 4xx with a precise code
 * ({@link #answerFailure}), never a 500. Slow, mis-framed or compressed requests are refused before routing
 * ({@link ConnectionGuard}); a connection idle for {@code http.idle_timeout_ms} is closed.
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
    router.route().failureHandler(rc -> answerFailure(rc, LOG));
  }

  /** Mount component routes here before deploying the verticle. */
  public Router router() { return router; }

  @Override
  public Future<?> start() {
    ConnectionGuard guard = new ConnectionGuard(vertx, http);
    // No h2c upgrade: its detector holds a new connection back until a whole request head has arrived, so the
    // connection handler (and with it the header deadline) would not see a client that never finishes its headers.
    HttpServerOptions options = new HttpServerOptions().setIdleTimeout(http.idleTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options).connectionHandler(guard::onConnection).requestHandler(req -> {
      if (guard.admit(req)) {
        router.handle(req);
      }
    }).listen(http.port(), http.host()).onSuccess(s -> {
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

  /**
   * Answers a failed request. A client error — a 4xx Vert.x Web raised (no Host header, bad percent-encoding, wrong
   * method …) or a failure carrying a 4xx status — gets its status and a precise code; a client that closed its
   * connection gets nothing (there is no one to answer); anything else is 500 INTERNAL_ERROR, logged to {@code log}
   * with its cause, never echoed.
   */
  public static void answerFailure(RoutingContext rc, Logger log) {
    Throwable err = rc.failure();
    if (err instanceof HttpClosedException) {
      log.debug("HTTP {} {}: the client closed the connection", rc.request().method(), rc.request().path());
      return;
    }
    int status = err instanceof HttpException h ? h.getStatusCode() : rc.statusCode();
    if (status >= 400 && status < 500) {
      error(rc, status, clientErrorCode(status, err), clientErrorDetail(err));
      return;
    }
    log.error("HTTP {} {} failed", rc.request().method(), rc.request().path(), err);
    error(rc, 500, "INTERNAL_ERROR", "internal error; see the platform log");
  }

  private static String clientErrorCode(int status, Throwable err) {
    if (err != null && String.valueOf(err.getMessage()).contains("'Host' header is required")) {
      return "HOST_HEADER_MISSING";
    }
    return switch (status) {
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "BODY_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> "BAD_REQUEST";
    };
  }

  /** The client error's own message (its cause's, for a bare "Bad Request"): what the client sent wrong. */
  private static String clientErrorDetail(Throwable err) {
    if (err == null) {
      return "malformed request";
    }
    Throwable why = err instanceof HttpException && err.getCause() != null ? err.getCause() : err;
    return why.getMessage() == null ? "malformed request" : why.getMessage();
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
