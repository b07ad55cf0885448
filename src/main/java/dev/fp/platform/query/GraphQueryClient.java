package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * How the decision lane asks the Identity &amp; Entity Graph (IEG) of a run: over the Vert.x event bus at
 * {@link #address}, batched (one request names many keys), answered from committed state only, every answer citing the
 * graph version it was read at (rtdl_design §2).
 *
 * <p><b>resolve</b> — request {@code {"op": "resolve", "identifiers": [{"identifier_type": "party_id",
 * "identifier_value": "17"}, …], "request_id"?}}; answer {@code {"status": "OK", "op", "request_id",
 * "platform_run_id", "graph_version", "graph_version_hex32", "basis", "results": [{"identifier_type",
 * "identifier_value", "conflict", "entities": [{"entity_id", "entity_type", "identifier_type", "identifier_value",
 * "scenario_run_id", "first_seen_ts_utc", "first_seen_event_id", "last_seen_ts_utc"}, …]}, …]}} — results in request order; {@code entities} empty when the graph does not know the
 * identifier; {@code conflict} true when more than one entity carries it (one per scenario run in v0).
 *
 * <p><b>neighbours</b> — request {@code {"op": "neighbours", "entity_ids": ["<hex64>", …], "entity_type"?: "party",
 * "limit"?: 100, "request_id"?}}; answer {@code {"status": "OK", "op", "request_id", "platform_run_id",
 * "graph_version", "graph_version_hex32", "basis", "results": [{"entity_id", "found", "entity": {…} | null,
 * "neighbours": [{"entity_id", "entity_type", "identifier_type", "identifier_value", "first_seen_ts_utc",
 * "first_seen_event_id", "last_seen_ts_utc"}, …], "truncated"}, …]}} — at most {@code limit} neighbours per entity (default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) in key order, only those of {@code entity_type} when given;
 * {@code truncated} true when more exist.
 *
 * <p>{@code graph_version} is the sha256 of the checkpoint basis ({@code basis}) of the committed state every row of
 * the answer was read from; {@code graph_version_hex32} its first 32 hex characters. At most {@value #MAX_KEYS} keys
 * per request. Errors: {@code {"status": "ERROR", "code", "retryable", "detail", "request_id"}} with codes
 * {@code INVALID_REQUEST} (not retryable) and {@code UNAVAILABLE} (retryable: the store failed, or the graph kept
 * moving under the read). The future fails only when no IEG of the run answers (not deployed, or the reply timed out).
 */
public final class GraphQueryClient {
  public static final String OP_RESOLVE = "resolve";
  public static final String OP_NEIGHBOURS = "neighbours";
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1_000;
  public static final int MAX_KEYS = 1_000;
  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  private final Vertx vertx;
  private final String address;
  private final DeliveryOptions options;

  public GraphQueryClient(Vertx vertx, String platformRunId) {
    this(vertx, platformRunId, DEFAULT_TIMEOUT_MS);
  }

  public GraphQueryClient(Vertx vertx, String platformRunId, long timeoutMs) {
    this.vertx = vertx;
    this.address = address(platformRunId);
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** {@code fp.ieg.query::<platform_run_id>}. */
  public static String address(String platformRunId) {
    return "fp.ieg.query::" + platformRunId;
  }

  /** Resolves identifiers ({@code identifier_type}, {@code identifier_value}) to the entities that carry them. */
  public Future<JsonObject> resolve(List<Map<String, String>> identifiers) {
    JsonArray items = new JsonArray();
    identifiers.forEach(i -> items.add(new JsonObject(Map.copyOf(i))));
    return request(new JsonObject().put("op", OP_RESOLVE).put("identifiers", items));
  }

  /** The neighbours of each entity, of {@code entityType} only when not null, at most {@code limit} each. */
  public Future<JsonObject> neighbours(List<String> entityIds, String entityType, int limit) {
    JsonObject request = new JsonObject().put("op", OP_NEIGHBOURS).put("entity_ids", new JsonArray(List.copyOf(entityIds)))
        .put("limit", limit);
    if (entityType != null) {
      request.put("entity_type", entityType);
    }
    return request(request);
  }

  /** Sends a request as documented above (e.g. with a {@code request_id}); completes with the answer. */
  public Future<JsonObject> request(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(address, request, options).map(Message::body);
  }
}
