package dev.fp.ops;

import dev.fp.contract.OperatorRequests;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.RunService;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.stream.StreamArtifacts;
import dev.fp.platform.supervisor.EvidenceMap;
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
 * Operator run API (operator-role keys only, header {@code X-IG-Api-Key}; documented in {@link OpenApiDoc}):
 * {@code POST /v1/ops/runs} starts a run through the supervisor (optionally torn down after P11 passes) and answers 202
 * with its {@code platform_run_id} and a {@code Location}; {@code GET /v1/ops/runs} lists runs newest first;
 * {@code GET /v1/ops/runs/{id}} returns the run and its phases with gate checks and evidence refs, each component's
 * counters ({@code counters}) and each stream component's lag ({@code consumers}) as their last files recorded them,
 * and where every piece of its evidence is ({@code evidence}, {@link EvidenceMap});
 * {@code POST /v1/ops/runs/{id}/retries} retries the phase the active run stopped at where the seed allows it and
 * {@code POST /v1/ops/runs/{id}/teardown} tears it down (P12), both 202 + {@code Location} or a refusal with its reason
 * code; {@code POST /v1/ops/runs/{id}/ready-retries} asks the running WSP to re-queue the run's FAILED READYs under its
 * own lease (200 with {@code requeued}; 409 when no WSP runs in this process). It also mounts {@link StateApi},
 * {@link PacksApi} and the OpenAPI document.
 */
public final class RunsApi {
  public static final String KEY_HEADER = OperatorKey.HEADER;
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final Set<String> FIELDS = Set.of("max_events_per_output", "mode", "equivalence_key", "speedup",
      "teardown");
  private static final int MAX_LIST = 1000;
  private final RunService runs;
  private final io.vertx.core.Handler<RoutingContext> operatorKey;
  private final Path platformRoot;

  public RunsApi(RunService runs, ApiKeys keys, Path platformRoot) {
    this.runs = runs;
    this.operatorKey = OperatorKey.required(keys);
    this.platformRoot = platformRoot;
  }

  /**
   * Loads the key file (on a worker) and mounts these routes, {@link StateApi}'s, {@link CasesApi}'s and
   * {@link LabelsApi}'s on the
   * runtime's HTTP router.
   */
  public static io.vertx.core.Future<Void> mount(dev.fp.platform.PlatformRuntime rt, RunService runs) {
    var cfg = rt.substrate().config();
    return rt.vertx().executeBlocking(() -> new Object[] {ApiKeys.parse(cfg.confFile(cfg.apiKeysFile()).toString(),
            cfg.readConfLines(cfg.apiKeysFile())), OpenApiDoc.load()})
        .map(loaded -> {
          ApiKeys keys = (ApiKeys) loaded[0];
          new RunsApi(runs, keys, cfg.platformRoot()).mount(rt.http().router());
          new StateApi(keys, () -> rt.substrate().stateStore()).mount(rt.http().router());
          new PacksApi(rt, runs, keys).mount(rt.http().router());
          OpenApiDoc.mount(rt.http().router(), (io.vertx.core.buffer.Buffer) loaded[1]);
          new CasesApi(keys, new dev.fp.platform.query.CaseQueryClient(rt.vertx(), 30_000), cfg.runsRoot())
              .mount(rt.http().router());
          new LabelsApi(keys).mount(rt.http().router());
          return null;
        });
  }

  public void mount(Router router) {
    router.post("/v1/ops/runs").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::operator)
        .handler(this::start);
    router.get("/v1/ops/runs").handler(this::operator).handler(this::list);
    router.get("/v1/ops/runs/:id").handler(this::operator).handler(this::describe);
    router.post("/v1/ops/runs/:id/ready-retries").handler(this::operator).handler(this::retryReadies);
    router.post("/v1/ops/runs/:id/retries").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(this::operator).handler(this::retry);
    router.post("/v1/ops/runs/:id/teardown").handler(this::operator).handler(this::teardown);
  }

  private void list(RoutingContext rc) {
    int limit;
    try {
      limit = Integer.parseInt(rc.queryParams().get("limit") == null ? "50" : rc.queryParams().get("limit"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIST) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "limit: an integer from 1 to " + MAX_LIST);
      return;
    }
    runs.list(limit).compose(rows -> runs.activeRunId().map(id -> (String) id).otherwise((String) null)
            .map(active -> new JsonObject().put("active_platform_run_id", active)
                .put("runs", new io.vertx.core.json.JsonArray(rows.stream().map(JsonObject::new).toList()))))
        .onSuccess(body -> OpsHttpServer.json(rc, 200, body)).onFailure(rc::fail);
  }

  /** {@code {"phase": "P3|P5|P6|P11", "reset_outputs": [...], "new_key": true, "equivalence_key": "...",
   * "max_events_per_output": N}}: 202 + Location, or the refusal with its reason. */
  private void retry(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!PlatformRunIds.isValid(id)) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "not a platform run id: " + id);
      return;
    }
    RunService.ResumeRequest request;
    try {
      request = RetryBody.parse(rc.body().asJsonObject());
    } catch (DecodeException | ClassCastException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "body must be a JSON object");
      return;
    } catch (IllegalArgumentException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", e.getMessage());
      return;
    }
    runs.retry(id, request).onSuccess(started -> accepted(rc, id, "RETRYING " + request.retry().name()))
        .onFailure(err -> OperatorErrors.answer(rc, err));
  }

  private void teardown(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!PlatformRunIds.isValid(id)) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "not a platform run id: " + id);
      return;
    }
    runs.teardown(id).onSuccess(started -> accepted(rc, id, "TEARING_DOWN"))
        .onFailure(err -> OperatorErrors.answer(rc, err));
  }

  private static void accepted(RoutingContext rc, String runId, String status) {
    rc.response().putHeader("Location", "/v1/ops/runs/" + runId);
    OpsHttpServer.json(rc, 202, new JsonObject().put("platform_run_id", runId).put("status", status));
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
    operatorKey.handle(rc);
  }

  private void start(RoutingContext rc) {
    RunOptions options;
    boolean teardown;
    try {
      options = parse(rc.body().asJsonObject());
      Object flag = rc.body().asJsonObject().getValue("teardown", false);
      if (!(flag instanceof Boolean)) {
        throw new IllegalArgumentException("teardown must be a boolean");
      }
      teardown = (Boolean) flag;
    } catch (DecodeException | ClassCastException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", "body must be a JSON object");
      return;
    } catch (IllegalArgumentException e) {
      OpsHttpServer.error(rc, 400, "BAD_REQUEST", e.getMessage());
      return;
    }
    try {
      runs.start(options, teardown).onSuccess(started -> {
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
          .executeBlocking(() -> new Object[] {StreamArtifacts.readLag(platformRoot, id),
              RunCounters.read(platformRoot, id), EvidenceMap.read(platformRoot.resolve(id), phases)}).map(read -> {
            @SuppressWarnings("unchecked")
            JsonObject body = new JsonObject(PhaseStore.snapshot(id, phases)).put("run", new JsonObject(row))
                .put("consumers", new JsonObject((java.util.Map<String, Object>) read[0]))
                .put("counters", new JsonObject((java.util.Map<String, Object>) read[1]))
                .put("evidence", new JsonObject((java.util.Map<String, Object>) read[2]));
            OpsHttpServer.json(rc, 200, body);
            return null;
          }));
    }).onFailure(rc::fail);
  }
}
