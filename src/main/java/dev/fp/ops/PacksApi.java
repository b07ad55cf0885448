package dev.fp.ops;

import dev.fp.contract.Timestamps;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.pack.PackSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator pack control (operator-role keys): {@code GET /v1/ops/packs} and {@code GET /v1/ops/packs/{pack}} describe
 * what this process runs of each pack (read-only) with the last action asked of it; {@code POST
 * /v1/ops/packs/{pack}/up|down|restart} act on the active run's pack and answer 202 with a {@code Location} to poll
 * (down also captures the pack's final status). An unknown pack is 404; with no active run, or a torn-down one
 * ({@code RUN_DONE}), 409.
 */
final class PacksApi {
  private final PlatformRuntime rt;
  private final RunService runs;
  private final ApiKeys keys;
  private final Map<String, Map<String, Object>> lastAction = new ConcurrentHashMap<>();

  PacksApi(PlatformRuntime rt, RunService runs, ApiKeys keys) {
    this.rt = rt;
    this.runs = runs;
    this.keys = keys;
  }

  void mount(Router router) {
    router.get("/v1/ops/packs").handler(OperatorKey.required(keys)).handler(this::list);
    router.get("/v1/ops/packs/:pack").handler(OperatorKey.required(keys)).handler(this::describe);
    for (String action : List.of("up", "down", "restart")) {
      router.post("/v1/ops/packs/:pack/" + action).handler(OperatorKey.required(keys)).handler(rc -> act(rc, action));
    }
  }

  private List<PackSpec> packs() {
    return rt.catalog().packs(rt.services());
  }

  private Optional<PackSpec> pack(String name) {
    return packs().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private JsonObject view(PackSpec pack) {
    Map<String, Object> body = new LinkedHashMap<>(rt.packs().describe(pack));
    body.put("last_action", lastAction.get(pack.name()));
    return new JsonObject(body);
  }

  private void list(RoutingContext rc) {
    JsonArray all = new JsonArray();
    packs().forEach(p -> all.add(view(p)));
    OpsHttpServer.json(rc, 200, new JsonObject().put("packs", all));
  }

  private void describe(RoutingContext rc) {
    String name = rc.pathParam("pack");
    pack(name).ifPresentOrElse(p -> OpsHttpServer.json(rc, 200, view(p)),
        () -> OpsHttpServer.error(rc, 404, "PACK_NOT_FOUND", unknown(name)));
  }

  private String unknown(String name) {
    return "no pack " + name + " (packs: " + String.join(", ", packs().stream().map(PackSpec::name).toList()) + ")";
  }

  private void act(RoutingContext rc, String action) {
    String name = rc.pathParam("pack");
    PackSpec pack = pack(name).orElse(null);
    if (pack == null) {
      OpsHttpServer.error(rc, 404, "PACK_NOT_FOUND", unknown(name));
      return;
    }
    runs.openRunId().onSuccess(runId -> {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("action", action);
      record.put("platform_run_id", runId);
      record.put("requested_at_utc", Timestamps.now(rt.clock()));
      record.put("status", "RUNNING");
      lastAction.put(name, record);
      perform(pack, action, runId).onComplete(ar -> {
        Map<String, Object> done = new LinkedHashMap<>(record);
        done.put("status", ar.succeeded() ? "DONE" : "FAILED");
        done.put("finished_at_utc", Timestamps.now(rt.clock()));
        done.put("detail", ar.succeeded() ? ar.result() : ar.cause().getMessage());
        lastAction.put(name, done);
      });
      rc.response().putHeader("Location", "/v1/ops/packs/" + name);
      OpsHttpServer.json(rc, 202, new JsonObject(record).put("pack", name));
    }).onFailure(err -> OperatorErrors.answer(rc, err));
  }

  /** Completes with the process ids started or stopped. */
  private Future<List<String>> perform(PackSpec pack, String action, String runId) {
    return switch (action) {
      case "up" -> rt.packs().up(pack, runId);
      case "down" -> rt.packs().down(pack, runId).compose(stopped -> rt.packs().status(pack, runId).map(s -> stopped));
      default -> rt.packs().down(pack, runId).compose(stopped -> rt.packs().up(pack, runId));
    };
  }
}
