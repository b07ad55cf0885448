package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Actor;
import dev.fp.ingress.ig.core.Outcome;
import dev.fp.ingress.ig.core.RateLimiter;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.log.Logging;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IG's HTTP routes on the platform router (ARCHITECTURE §6), each a chain auth → (limit) → act:
 * {@code POST /v1/ingest/push}, {@code POST /v1/ingest/batch}, {@code GET /v1/ops/health}, {@code GET /v1/ops/lookup},
 * {@code POST /v1/ops/reconcile} (operator role). A push answers {@code {decision, receipt, receipt_ref}}; a batch
 * answers {@code {"results": [{status, decision, event_id, receipt_id, receipt_ref, eb_ref?, reason_codes?} | {status,
 * error, detail, retry_after_seconds?}]}} in request order (full receipts are in the evidence, at receipt_ref), with
 * Retry-After when an item may be retried. Every route needs {@code X-IG-Api-Key} (401 otherwise). Errors are
 * {@code {"error": CODE, "detail": …}} with Retry-After on 409/429/503; a malformed request is a 4xx with a precise
 * code; 500 never carries a stack trace. IG also vetoes the platform's {@code GET /readyz} (503) while its health is
 * RED: a gate that cannot admit is not ready.
 */
final class IgRoutes {
  static final String API_KEY_HEADER = "X-IG-Api-Key";
  static final String PUSH = "/v1/ingest/push";
  static final String BATCH = "/v1/ingest/batch";
  static final String HEALTH = "/v1/ops/health";
  static final String LOOKUP = "/v1/ops/lookup";
  static final String RECONCILE = "/v1/ops/reconcile";
  static final String READYZ = "/readyz";
  private static final String PRINCIPAL = "ig.principal";
  private static final Logger LOG = Logging.component("ig_service");
  /**
   * Ahead of the platform's catch-all 404 and failure handler, so IG answers its own errors. Each route gets its own
   * order: Vert.x Web removes only one of several routes sharing an order, which would leave stale routes behind.
   */
  private static final int ORDER = -100;
  private final IgConfig cfg;
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final AdmissionService service;
  private final IgHealthMonitor health;
  private final IgLookup lookup;
  private final IgReconciler reconciler;
  private final IgMetrics metrics;
  private final BodyJson json;

  IgRoutes(IgConfig cfg, ApiKeys keys, RateLimiter limiter, AdmissionService service, IgHealthMonitor health,
           IgLookup lookup, IgReconciler reconciler, IgMetrics metrics) {
    this.cfg = cfg;
    this.keys = keys;
    this.limiter = limiter;
    this.service = service;
    this.health = health;
    this.lookup = lookup;
    this.reconciler = reconciler;
    this.metrics = metrics;
    this.json = new BodyJson(cfg.jsonMaxDepth());
  }

  /** Mounts the routes; remove the returned ones on stop. */
  List<Route> mount(Router router) {
    List<Route> routes = new ArrayList<>();
    routes.add(router.post(PUSH).order(ORDER).handler(this::authenticate).handler(this::precheck)
        .handler(rc -> withBody(rc, this::push)).failureHandler(this::failure));
    routes.add(router.post(BATCH).order(ORDER + 1).handler(this::authenticate).handler(this::precheck)
        .handler(rc -> withBody(rc, this::batch)).failureHandler(this::failure));
    routes.add(router.get(HEALTH).order(ORDER + 2).handler(this::authenticate).handler(this::health)
        .failureHandler(this::failure));
    routes.add(router.get(LOOKUP).order(ORDER + 3).handler(this::authenticate).handler(this::lookup)
        .failureHandler(this::failure));
    routes.add(router.post(RECONCILE).order(ORDER + 4).handler(this::authenticate).handler(this::operator)
        .handler(rc -> withBody(rc, this::reconcile)).failureHandler(this::failure));
    routes.add(router.get(READYZ).order(ORDER + 5).handler(this::readiness));
    return routes;
  }

  private void authenticate(RoutingContext rc) {
    ApiPrincipal p = keys.authenticate(rc.request().getHeader(API_KEY_HEADER)).orElse(null);
    if (p == null) {
      reject(rc, new IgRejection(401, "UNAUTHORIZED", "missing or unknown " + API_KEY_HEADER, 0));
      return;
    }
    rc.put(PRINCIPAL, p);
    rc.next();
  }

  private void operator(RoutingContext rc) {
    ApiPrincipal p = rc.get(PRINCIPAL);
    if (!p.hasRole(ApiPrincipal.OPERATOR)) {
      reject(rc, new IgRejection(403, "FORBIDDEN", p.principal() + " lacks the operator role", 0));
      return;
    }
    rc.next();
  }

  private void precheck(RoutingContext rc) {
    guarded(rc, () -> {
      service.precheck();
      rc.next();
    });
  }

  private void withBody(RoutingContext rc, java.util.function.BiConsumer<RoutingContext, Buffer> handler) {
    BodyReader.read(rc.request(), cfg.bodyLimitBytes()).onSuccess(body -> handler.accept(rc, body))
        .onFailure(err -> failed(rc, err));
  }

  private void push(RoutingContext rc, Buffer body) {
    guarded(rc, () -> {
      Map<String, Object> envelope = json.object(body);
      limit(rc, 1);
      service.admit(List.of(envelope), rc.get(PRINCIPAL), Actor.API_KEY)
          .onSuccess(outcomes -> answer(rc, outcomes.get(0)))
          .onFailure(err -> failed(rc, err));
    });
  }

  private void batch(RoutingContext rc, Buffer body) {
    guarded(rc, () -> {
      List<?> items = json.array(body);
      if (items.size() > cfg.maxBatchSize()) {
        throw new IgRejection(413, "BATCH_TOO_LARGE", items.size() + " envelopes; at most " + cfg.maxBatchSize(), 0);
      }
      limit(rc, items.size());
      service.admit(items, rc.get(PRINCIPAL), Actor.API_KEY)
          .onSuccess(outcomes -> answerBatch(rc, outcomes))
          .onFailure(err -> failed(rc, err));
    });
  }

  private void health(RoutingContext rc) {
    var report = health.report();
    OpsHttpServer.json(rc, 200, new JsonObject().put("state", report.state().name())
        .put("reasons", new JsonArray(report.reasons())).put("metrics", new JsonObject(report.metrics())));
  }

  private void lookup(RoutingContext rc) {
    guarded(rc, () -> lookup.lookup(rc.queryParams()).onSuccess(body -> OpsHttpServer.json(rc, 200, body))
        .onFailure(err -> failed(rc, err)));
  }

  /** Open probe: 503 while IG health is RED (it could not admit now), else the platform's own readiness. */
  private void readiness(RoutingContext rc) {
    if (!health.isRed()) {
      rc.next();
      return;
    }
    OpsHttpServer.json(rc, 503, new JsonObject().put("status", "not_ready")
        .put("reason", "ig_unhealthy: " + String.join(",", health.report().reasons())));
  }

  private void reconcile(RoutingContext rc, Buffer body) {
    guarded(rc, () -> {
      Map<String, Object> req = json.object(body);
      Object key = req.get("dedupe_key");
      Object action = req.getOrDefault("action", IgReconciler.CHECK);
      if (!(key instanceof String k) || !(action instanceof String a)) {
        throw new IgRejection(400, "BAD_REQUEST", "expected {\"dedupe_key\": …, \"action\": check|release}", 0);
      }
      reconciler.reconcile(k, a, rc.get(PRINCIPAL)).onSuccess(answer -> OpsHttpServer.json(rc, 200, answer))
          .onFailure(err -> failed(rc, err));
    });
  }

  private void limit(RoutingContext rc, int tokens) {
    ApiPrincipal p = rc.get(PRINCIPAL);
    int wait = limiter.acquire(p.principal(), tokens);
    if (wait > 0) {
      throw new IgRejection(429, "RATE_LIMITED", p.principal() + " is over " + cfg.rateLimitPerMinute()
          + " envelopes a minute", wait);
    }
  }

  private void answer(RoutingContext rc, Outcome o) {
    if (o.retryAfterSeconds() > 0) {
      rc.response().putHeader("Retry-After", Integer.toString(o.retryAfterSeconds()));
    }
    OpsHttpServer.json(rc, o.status(), new JsonObject(o.body()));
  }

  private void answerBatch(RoutingContext rc, List<Outcome> outcomes) {
    JsonArray results = new JsonArray(new ArrayList<>(outcomes.size()));
    int retryAfter = 0;
    for (Outcome o : outcomes) {
      results.add(new JsonObject(o.slimBatchItem()));
      retryAfter = Math.max(retryAfter, o.retryAfterSeconds());
    }
    if (retryAfter > 0) {
      rc.response().putHeader("Retry-After", Integer.toString(retryAfter));
    }
    OpsHttpServer.json(rc, 200, new JsonObject().put("results", results));
  }

  private void guarded(RoutingContext rc, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      failed(rc, e);
    }
  }

  private void failed(RoutingContext rc, Throwable err) {
    if (err instanceof IgRejection r) {
      reject(rc, r);
    } else {
      rc.fail(err);
    }
  }

  private void reject(RoutingContext rc, IgRejection r) {
    metrics.rejection(r.status(), r.code());
    if (r.retryAfterSeconds() > 0) {
      rc.response().putHeader("Retry-After", Integer.toString(r.retryAfterSeconds()));
    }
    OpsHttpServer.error(rc, r.status(), r.code(), r.detail());
  }

  /**
   * IG's own rejections as they are; a malformed request (no Host header …) as a precise 4xx; anything unexpected 500
   * without a stack trace in the answer (it goes to the ig_service log).
   */
  private void failure(RoutingContext rc) {
    if (rc.failure() instanceof IgRejection r) {
      reject(rc, r);
      return;
    }
    OpsHttpServer.answerFailure(rc, LOG);
  }
}
