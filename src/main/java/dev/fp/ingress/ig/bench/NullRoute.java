package dev.fp.ingress.ig.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The baseline of {@code fp bench ig --baseline}: {@code POST <BASE>/v1/ingest/push} and {@code …/batch} on the same
 * HTTP server as IG, reading and parsing the JSON body and answering 200 with one ADMIT decision per envelope (what the
 * load generator counts), without admitting anything: what HTTP, JSON and the load generator cost on this machine.
 */
final class NullRoute {
  static final String BASE = "/null";
  private static final String ONE = "{\"decision\":\"ADMIT\"}";

  private NullRoute() {
  }

  static List<Route> mount(Router router) {
    return List.of(router.post(BASE + "/v1/ingest/push").handler(rc -> answer(rc, false)),
        router.post(BASE + "/v1/ingest/batch").handler(rc -> answer(rc, true)));
  }

  private static void answer(RoutingContext rc, boolean batch) {
    rc.request().body().onSuccess(body -> {
      try {
        respond(rc, batch, body);
      } catch (io.vertx.core.json.DecodeException e) {
        rc.response().setStatusCode(400).end();
      }
    }).onFailure(err -> rc.response().setStatusCode(400).end());
  }

  private static void respond(RoutingContext rc, boolean batch, Buffer body) {
    {
      if (batch) {
        JsonArray items = new JsonArray(body);
        StringBuilder out = new StringBuilder(items.size() * (ONE.length() + 1) + 16).append("{\"results\":[");
        for (int i = 0; i < items.size(); i++) {
          out.append(i == 0 ? "" : ",").append(ONE);
        }
        rc.response().putHeader("content-type", "application/json").end(out.append("]}").toString());
      } else {
        new JsonObject(body);
        rc.response().putHeader("content-type", "application/json").end(Buffer.buffer(ONE));
      }
    }
  }
}
