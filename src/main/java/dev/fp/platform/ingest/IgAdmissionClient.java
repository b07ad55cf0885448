package dev.fp.platform.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * How in-process producers (DF, AL, CT) reach IG: the admission service on the Vert.x event bus at {@link #ADDRESS},
 * same checks, dedupe, receipts and authorization as HTTP. The principal must be one named in the API key file
 * ({@code principal=…}); its {@code classes=} decide what it may produce.
 *
 * <p>{@link #admit} completes with the item answer {@code {"status": 200, "decision", "receipt", "receipt_ref"}} or
 * {@code {"status": 4xx/5xx, "error", "detail"[, "retry_after_seconds"]}} (409 and 503 are retryable; use the same
 * envelope). {@link #admitBatch} completes with {@code {"results": [item answer…]}} in order, or a single error
 * answer when the whole request was refused (503, 401). The future fails only when IG is not reachable (not deployed,
 * or the reply timed out).
 */
public final class IgAdmissionClient {
  public static final String ADDRESS = "fp.ig.admit";
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  private final Vertx vertx;
  private final String principal;
  private final DeliveryOptions options;

  public IgAdmissionClient(Vertx vertx, String principal) {
    this(vertx, principal, DEFAULT_TIMEOUT_MS);
  }

  public IgAdmissionClient(Vertx vertx, String principal, long timeoutMs) {
    this.vertx = vertx;
    this.principal = principal;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public Future<JsonObject> admit(Map<String, ?> envelope) {
    return send(new JsonObject().put("principal", principal).put("envelope", new JsonObject(copy(envelope))));
  }

  public Future<JsonObject> admitBatch(List<? extends Map<String, ?>> envelopes) {
    JsonArray items = new JsonArray();
    envelopes.forEach(e -> items.add(new JsonObject(copy(e))));
    return send(new JsonObject().put("principal", principal).put("envelopes", items));
  }

  private Future<JsonObject> send(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(ADDRESS, request, options).map(Message::body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, ?> envelope) {
    return (Map<String, Object>) dev.fp.contract.JsonValues.plain(envelope);
  }
}
