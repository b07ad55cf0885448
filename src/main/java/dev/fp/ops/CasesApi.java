package dev.fp.ops;

import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.query.CaseQueryClient;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Operator reads of Case Management (operator-role keys, header {@code X-IG-Api-Key}), answered through
 * {@link CaseQueryClient}: {@code GET /v1/ops/cases/{case_id}[?run=<platform_run_id>]} — the case, its projected
 * state, its timeline in (observed_time, lifecycle step, id) order and its labels (the active run when {@code run} is absent) — and
 * {@code GET /v1/ops/runs/{run}/cases[?state=NEW|…|RESOLVED][&limit=N]} — the run's cases with their state, in case-id
 * order ({@code limit} default 100, at most 1000). 400 with {@code INVALID_CASE_ID}, {@code INVALID_RUN_ID},
 * {@code INVALID_STATE} or {@code INVALID_LIMIT}; 404 {@code CASE_NOT_FOUND} or {@code NO_ACTIVE_RUN}; 503
 * {@code CASE_QUERIES_UNAVAILABLE} when nothing answers case queries.
 */
public final class CasesApi {
  static final int DEFAULT_LIMIT = 100;
  private final ApiKeys keys;
  private final CaseQueryClient cases;
  private final Path runsRoot;

  public CasesApi(ApiKeys keys, CaseQueryClient cases, Path runsRoot) {
    this.keys = keys;
    this.cases = cases;
    this.runsRoot = runsRoot;
  }

  public void mount(Router router) {
    router.get("/v1/ops/cases/:case_id").handler(OperatorKey.required(keys)).handler(this::show);
    router.get("/v1/ops/runs/:run/cases").handler(OperatorKey.required(keys)).handler(this::list);
  }

  private void show(RoutingContext rc) {
    String caseId = rc.pathParam("case_id");
    String run = rc.queryParams().get("run");
    Future<Optional<String>> resolved = run != null ? Future.succeededFuture(Optional.of(run))
        : rc.vertx().executeBlocking(() -> new PlatformRunIds(java.time.Clock.systemUTC()).resolve(runsRoot, Map.of()));
    resolved.onFailure(rc::fail).onSuccess(r -> {
      if (r.isEmpty()) {
        OpsHttpServer.error(rc, 404, "NO_ACTIVE_RUN", "no run given (?run=) and no ACTIVE_RUN_ID under " + runsRoot);
        return;
      }
      answer(rc, cases.caseDetail(r.get(), caseId), "case " + caseId + " of " + r.get());
    });
  }

  private void list(RoutingContext rc) {
    String limit = rc.queryParams().get("limit");
    int n;
    try {
      n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      OpsHttpServer.error(rc, 400, "INVALID_LIMIT", "limit must be an integer in [1, " + CaseQueryClient.MAX_LIMIT
          + "], got " + limit);
      return;
    }
    answer(rc, cases.cases(rc.pathParam("run"), rc.queryParams().get("state"), n), "cases");
  }

  private void answer(RoutingContext rc, Future<JsonObject> reply, String what) {
    reply.onComplete(ar -> {
      if (ar.failed()) {
        String detail = ar.cause() instanceof ReplyException ? "no platform process answers case queries ("
            + CaseQueryClient.ADDRESS + ")" : ar.cause().getMessage();
        rc.response().putHeader("Retry-After", "5");
        OpsHttpServer.error(rc, 503, "CASE_QUERIES_UNAVAILABLE", detail);
        return;
      }
      JsonObject body = ar.result();
      switch (body.getString("status", "ERROR")) {
        case "OK" -> {
          body.remove("status");
          OpsHttpServer.json(rc, 200, body.containsKey("case") ? body.getJsonObject("case") : body);
        }
        case "NOT_FOUND" -> OpsHttpServer.error(rc, 404, "CASE_NOT_FOUND", what + " does not exist");
        default -> {
          String code = body.getString("code", "STORE_ERROR");
          OpsHttpServer.error(rc, code.startsWith("INVALID_") ? 400 : 503, code, body.getString("detail"));
        }
      }
    });
  }
}
