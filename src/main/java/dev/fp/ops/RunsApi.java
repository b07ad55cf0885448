package dev.fp.ops;

import dev.fp.contract.OperatorRequests;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.RunService;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.stream.StreamArtifacts;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.Set;

/**
 * Operator run API (operator-role keys only, header {@code X-IG-Api-Key}):
 * {@code POST /v1/ops/runs} starts a run through the supervisor and answers 202 with its {@code platform_run_id} and a
 * {@code Location}; {@code GET /v1/ops/runs/{id}} returns the run and its phases with gate checks and evidence refs,
 * and under {@code consumers} each stream component's lag (records and seconds behind, per partition) as its last
 * metrics file recorded it; {@code POST /v1/ops/runs/{id}/ready-retries} asks the running WSP to re-queue the run's
 * FAILED READYs under its own lease (200 with {@code requeued}; 409 when no WSP runs in this process).
 */
public final class RunsApi {
  public static final String KEY_HEADER = "X-IG-Api-Key";
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final Set<String> FIELDS = Set.of("max_events_per_output", "mode", "equivalence_key", "speedup");
  private final RunService runs;
  private final ApiKeys keys;
  private final Path platformRoot;

  public RunsApi(RunService runs, ApiKeys keys, Path platformRoot) {
    this.runs = runs;
    this.keys = keys;
    this.platformRoot = platformRoot;
  }

  /**
   * Loads the key file (on a worker) and mounts these routes, {@link StateApi}'s, {@link CasesApi}'s and
   * {@link LabelsApi}'s on the
   * runtime's HTTP router.
   */
  public static io.vertx.core.Future<Void> mount(dev.fp.platform.PlatformRuntime rt, RunService runs) {
    var cfg = rt.substrate().config();
    return rt.vertx().executeBlocking(() -> ApiKeys.parse(cfg.confFile(cfg.apiKeysFile()).toString(),
            cfg.readConfLines(cfg.apiKeysFile())))
        .map(keys -> {
          new RunsApi(runs, keys, cfg.platformRoot()).mount(rt.http().router());
          new StateApi(keys, () -> rt.substrate().stateStore()).mount(rt.http().router());
          new CasesApi(keys, new dev.fp.platform.query.CaseQueryClient(rt.vertx(), 30_000), cfg.runsRoot())
              .mount(rt.http().router());
          new LabelsApi(keys).mount(rt.http().router());
          return null;
        });
  }

  public void mount(Router router) {
    router.post("/v1/ops/runs").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::operator)
        .handler(this::start);
    router.get("/v1/ops/runs/:id").handler(this::operator).handler(this::describe);
    router.post("/v1/ops/runs/:id/ready-retries").handler(this::operator).handler(this::retryReadies);
  }

  private void retryReadies(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!PlatformRunIds.isValid(id)) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "not a platform run id: " + id);
      return;
    }
    rc.vertx().eventBus().<Integer>request(OperatorRequests.WSP_RETRY_FAILED_READIES, id).onComplete(ar -> {
      if (ar.succeeded()) {
        OpsHttpServer.json(rc, 200, new JsonObject().put("platform_run_id", id).put("requeued", ar.result().body()));
      } else if (ar.cause() instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
        OpsHttpServer.error(rc, 409, "WSP_NOT_RUNNING", "no WSP runs in this process (start the control_ingress "
            + "pack: fp up --serve, or fp run --resume)");
      } else {
        OpsHttpServer.error(rc, 503, "WSP_RETRY_FAILED", ar.cause().getMessage());
      }
    });
  }

  private void operator(RoutingContext rc) {
    ApiPrincipal p = keys.authenticate(rc.request().getHeader(KEY_HEADER)).orElse(null);
    if (p == null) {
      OpsHttpServer.error(rc, 401, "UNAUTHORIZED", "missing or unknown " + KEY_HEADER);
    } else if (!p.hasRole(ApiPrincipal.OPERATOR)) {
      OpsHttpServer.error(rc, 403, "FORBIDDEN", "the key has no operator role");
    } else {
      rc.next();
    }
  }

  private void start(RoutingContext rc) {
    RunOptions options;
    try {
      options = parse(rc.body().asJsonObject());
    } catch (DecodeException | ClassCastException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "body must be a JSON object");
      return;
    } catch (IllegalArgumentException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", e.getMessage());
      return;
    }
    try {
      runs.start(options).onSuccess(started -> {
        if (started.platformRunId() == null) {
          started.outcome().onSuccess(o -> OpsHttpServer.error(rc, 503, "SUBSTRATE_NOT_READY", o.message()));
          return;
        }
        rc.response().putHeader("Location", "/v1/ops/runs/" + started.platformRunId());
        OpsHttpServer.json(rc, 202, new JsonObject().put("platform_run_id", started.platformRunId())
            .put("status", "RUNNING").put("max_events_per_output", options.capPerOutput()).put("mode", options.mode()));
      }).onFailure(rc::fail);
    } catch (RunService.RunBusyException e) {
      rc.response().putHeader("Retry-After", "30");
      OpsHttpServer.error(rc, 409, "RUN_IN_PROGRESS", e.getMessage());
    }
  }

  static RunOptions parse(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    for (String f : body.fieldNames()) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field " + f + " (allowed: " + new java.util.TreeSet<>(FIELDS) + ")");
      }
    }
    Object cap = body.getValue("max_events_per_output");
    if (!(cap instanceof Integer || cap instanceof Long)) {
      throw new IllegalArgumentException("max_events_per_output: required integer >= 1");
    }
    Object mode = body.getValue("mode", "fraud");
    Object key = body.getValue("equivalence_key");
    Object speedup = body.getValue("speedup", 0);
    if (!(mode instanceof String) || !(speedup instanceof Number) || (key != null && !(key instanceof String))) {
      throw new IllegalArgumentException("mode must be a string, speedup a number, equivalence_key a string");
    }
    return new RunOptions(((Number) cap).longValue(), (String) mode, (String) key, ((Number) speedup).doubleValue());
  }

  private void describe(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!PlatformRunIds.isValid(id)) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "not a platform run id: " + id);
      return;
    }
    runs.describe(id).compose(row -> {
      if (row == null) {
        OpsHttpServer.error(rc, 404, "RUN_NOT_FOUND", id);
        return io.vertx.core.Future.succeededFuture();
      }
      return runs.store().load(id).compose(phases -> rc.vertx()
          .executeBlocking(() -> StreamArtifacts.readLag(platformRoot, id)).map(lag -> {
            JsonObject body = new JsonObject(PhaseStore.snapshot(id, phases)).put("run", new JsonObject(row))
                .put("consumers", new JsonObject(lag));
            OpsHttpServer.json(rc, 200, body);
            return null;
          }));
    }).onFailure(rc::fail);
  }
}
