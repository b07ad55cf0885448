package dev.fp.ops;

import dev.fp.contract.Timestamps;
import dev.fp.contract.WireFormats;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.http.OperatorKey;
import dev.fp.platform.http.OpsHttpServer;
import dev.fp.platform.query.LabelStoreClient;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Operator reads of the Label Store (operator-role keys, header {@code X-IG-Api-Key}), what {@code fp labels} calls:
 * {@code GET /v1/ops/labels?platform_run_id=&event_id=[&label_type=][&as_of=]} answers the subject's timeline, or
 * with {@code as_of} its label(s) as of that observed time (shapes of {@link LabelStoreClient}). 400 with
 * {@code PLATFORM_RUN_ID_INVALID}, {@code EVENT_ID_REQUIRED} or {@code AS_OF_INVALID}; 404 {@code RUN_SCOPE_MISMATCH}
 * when this process's Label Store serves another run; 503 {@code LS_UNAVAILABLE} when none runs here.
 */
public final class LabelsApi {
  private final ApiKeys keys;

  public LabelsApi(ApiKeys keys) {
    this.keys = keys;
  }

  public void mount(Router router) {
    router.get("/v1/ops/labels").handler(OperatorKey.required(keys)).handler(this::read);
  }

  private void read(RoutingContext rc) {
    String run = rc.queryParams().get("platform_run_id");
    String eventId = rc.queryParams().get("event_id");
    String type = rc.queryParams().get("label_type");
    String asOf = rc.queryParams().get("as_of");
    if (!WireFormats.isPlatformRunId(run)) {
      OpsHttpServer.error(rc, 400, "PLATFORM_RUN_ID_INVALID", "platform_run_id must be platform_YYYYMMDDTHHMMSSZ, got "
          + run);
    } else if (eventId == null || eventId.isBlank()) {
      OpsHttpServer.error(rc, 400, "EVENT_ID_REQUIRED", "event_id is required");
    } else if (asOf != null && !Timestamps.isWireInstant(asOf)) {
      OpsHttpServer.error(rc, 400, "AS_OF_INVALID", "as_of must be a YYYY-MM-DDTHH:MM:SS.ffffffZ instant, got "
          + asOf);
    } else {
      LabelStoreClient ls = new LabelStoreClient(rc.vertx());
      String labelType = type == null || type.isBlank() ? null : type;
      Future<JsonObject> answer = asOf == null ? ls.timeline(run, eventId, labelType)
          : ls.asOf(run, eventId, labelType, asOf);
      answer.onSuccess(body -> respond(rc, body)).onFailure(err -> unavailable(rc, err));
    }
  }

  private static void respond(RoutingContext rc, JsonObject body) {
    if (!"ERROR".equals(body.getString("status"))) {
      OpsHttpServer.json(rc, 200, body);
    } else if ("RUN_SCOPE_MISMATCH".equals(body.getString("code"))) {
      OpsHttpServer.error(rc, 404, "RUN_SCOPE_MISMATCH", body.getString("detail"));
    } else {
      OpsHttpServer.error(rc, 400, body.getString("code"), body.getString("detail"));
    }
  }

  private static void unavailable(RoutingContext rc, Throwable err) {
    String detail = err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
        ? "no label store runs in this process (start the case_labels pack: fp up --serve, or fp run --resume)"
        : err.getMessage();
    OpsHttpServer.error(rc, 503, "LS_UNAVAILABLE", detail);
  }
}
