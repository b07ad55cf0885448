package dev.fp.obsgov;

import dev.fp.contract.PlatformRunIds;
import dev.fp.obsgov.conformance.EnvironmentConformance;
import dev.fp.obsgov.governance.GovernanceReader;
import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.Substrate;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Obs/Gov's operator routes (operator-role keys, header {@code X-IG-Api-Key}):
 * {@code GET /v1/ops/runs/{id}/governance?family=&since=&limit=} (the run's governance events sorted by
 * (ts_utc, event_id), the last {@code limit} kept, default 200) and {@code GET /v1/ops/runs/{id}/conformance}
 * (environment conformance evaluated now; the stored file is the reporter's).
 */
public final class ObsGovApi {
  private final Vertx vertx;
  private final Substrate substrate;
  private final Clock clock;
  private final ApiKeys keys;

  public ObsGovApi(Vertx vertx, Substrate substrate, Clock clock, ApiKeys keys) {
    this.vertx = vertx;
    this.substrate = substrate;
    this.clock = clock;
    this.keys = keys;
  }

  /** Loads the key file (on a worker) and mounts the routes on the runtime's HTTP router. */
  public static Future<Void> mount(PlatformRuntime rt) {
    var cfg = rt.substrate().config();
    return rt.vertx().executeBlocking(() -> ApiKeys.parse(cfg.confFile(cfg.apiKeysFile()).toString(),
            cfg.readConfLines(cfg.apiKeysFile())))
        .map(keys -> {
          new ObsGovApi(rt.vertx(), rt.substrate(), rt.clock(), keys).mount(rt.http().router());
          return null;
        });
  }

  public void mount(Router router) {
    router.get("/v1/ops/runs/:id/governance").handler(OperatorKey.required(keys)).handler(ObsGovApi::runId).handler(this::governance);
    router.get("/v1/ops/runs/:id/conformance").handler(OperatorKey.required(keys)).handler(ObsGovApi::runId).handler(this::conformance);
  }

  private void governance(RoutingContext rc) {
    String id = rc.pathParam("id");
    int limit;
    try {
      String given = rc.queryParams().get("limit");
      limit = given == null ? GovernanceQuery.DEFAULT_LIMIT : Integer.parseInt(given);
    } catch (NumberFormatException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "limit must be an integer");
      return;
    }
    GovernanceQuery q = new GovernanceQuery(rc.queryParams().get("family"), rc.queryParams().get("since"), limit);
    GovernanceReader.query(substrate.objectStore(), id, q).onSuccess(events -> OpsHttpServer.json(rc, 200,
        new JsonObject().put("platform_run_id", id).put("events", new JsonArray(events.stream()
            .map(e -> (Object) new JsonObject(e)).toList())))).onFailure(rc::fail);
  }

  private void conformance(RoutingContext rc) {
    String id = rc.pathParam("id");
    new EnvironmentConformance(vertx, substrate, clock).evaluate(id)
        .onSuccess(doc -> OpsHttpServer.json(rc, 200, new JsonObject(doc))).onFailure(rc::fail);
  }

  private static void runId(RoutingContext rc) {
    if (!PlatformRunIds.isValid(rc.pathParam("id"))) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "not a platform run id: " + rc.pathParam("id"));
    } else {
      rc.next();
    }
  }

}
