package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * How Obs/Gov (the reporter, P11) reads IG's durable per-run decision counters without importing IG: a request on the
 * Vert.x event bus to {@value #ADDRESS}, answered by IG from its StateStore at the time of the request (so the answer
 * holds every admission IG has answered, with no export interval to wait for).
 *
 * <p>Request {@code {"platform_run_id"}}; answer {@code {"status": "OK", "platform_run_id", "counters": {
 * "decision.ADMIT", "decision.DUPLICATE", "decision.QUARANTINE", "reason.<CODE>", "publish_ambiguous",
 * "receipt_write_failed", …}, "publish_ambiguous_unresolved", "source"}} — counters absent from the table are absent
 * here (0); {@code publish_ambiguous_unresolved} counts the run's admissions still PUBLISH_AMBIGUOUS; {@code source}
 * names the store and tables read. {@code {"status": "ERROR", "code", "detail"}} with codes INVALID_REQUEST or
 * STORE_ERROR. The future fails when no IG answers (NO_HANDLERS: no IG in this process, or the reply timed out).
 */
public final class IgCountersClient {
  public static final String ADDRESS = "fp.ig.counters";
  private final Vertx vertx;
  private final DeliveryOptions options;

  public IgCountersClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public Future<JsonObject> counters(String platformRunId) {
    return vertx.eventBus().<JsonObject>request(ADDRESS, new JsonObject().put("platform_run_id", platformRunId), options)
        .map(Message::body);
  }
}
