package dev.fp.ops;

import dev.fp.contract.Json;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.substrate.state.StateInspector;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Operator access to the hot state this process owns (operator-role keys, header {@code X-IG-Api-Key}); what
 * {@code fp state} calls while a process holds the embedded RocksDB directory:
 * {@code GET /v1/ops/state/tables}, {@code GET /v1/ops/state/tables/{table}?key=a/b} (one row) and
 * {@code GET /v1/ops/state/tables/{table}?prefix=a/b&limit=N} (a key-ordered scan), answered as
 * {@link StateInspector} formats them. A bad table, key or limit is 400.
 */
public final class StateApi {
  private final ApiKeys keys;
  private final Supplier<Future<StateStore>> store;

  public StateApi(ApiKeys keys, Supplier<Future<StateStore>> store) {
    this.keys = keys;
    this.store = store;
  }

  public void mount(Router router) {
    router.get("/v1/ops/state/tables").handler(OperatorKey.required(keys))
        .handler(rc -> answer(rc, store.get().map(StateInspector::tables)));
    router.get("/v1/ops/state/tables/:table").handler(OperatorKey.required(keys)).handler(this::read);
  }

  private void read(RoutingContext rc) {
    String table = rc.pathParam("table");
    String key = rc.queryParams().get("key");
    String prefix = rc.queryParams().get("prefix");
    String limit = rc.queryParams().get("limit");
    answer(rc, store.get().compose(s -> {
      if (key != null) {
        return StateInspector.get(s, table, key);
      }
      int n = limit == null ? StateInspector.DEFAULT_LIMIT : Integer.parseInt(limit);
      return StateInspector.scan(s, table, prefix, n);
    }));
  }

  private void answer(RoutingContext rc, Future<Map<String, Object>> body) {
    body.onSuccess(b -> rc.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(Json.write(b)))
        .onFailure(err -> {
          if (err instanceof IllegalArgumentException) {
            OpsHttpServer.error(rc, 400, "BAD_REQUEST", err.getMessage());
          } else {
            rc.fail(err);
          }
        });
  }
}
