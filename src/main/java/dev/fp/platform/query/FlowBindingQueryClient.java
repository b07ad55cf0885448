package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the decision lane asks the Context Store + Flow Binding (CSFB, reference rtdl §4) for a flow's context: over
 * the Vert.x event bus at {@link #address(String)}, one request naming many keys. CSFB answers from committed state
 * only.
 *
 * <p>Request: {@code {"request_id"?, "query_kind", "pins", "flow_ids" | "join_frame_keys"}} where {@code query_kind}
 * is {@value #RESOLVE_FLOW_BINDING} (selector {@code flow_ids}: flow ids as integers or decimal strings) or
 * {@value #FETCH_JOIN_FRAME} (selector {@code join_frame_keys}: {@code [{merchant_id, arrival_seq}]}), exactly one
 * selector, at most {@value #MAX_KEYS} keys; {@code pins} holds {@code platform_run_id, scenario_run_id,
 * manifest_fingerprint, parameter_hash, scenario_id, seed} (strict envelope formats) and optionally {@code run_id}.
 *
 * <p>Answer: {@code {"request_id", "query_kind", "status": "OK", "pins", "resolved_at_utc", "basis", "results"}}, one
 * result per key in request order: {@code {"status", "reason_codes", "flow_id" | "join_frame_key", "flow_binding"?,
 * "join_frame"?, "context_refs"?, "evidence_refs"?}} with status
 * <ul>
 *   <li>{@code READY} [{@code READY}]: binding and complete frame (arrival event and flow anchor); {@code context_refs}
 *       {@code {arrival_events, arrival_entities, flow_anchor}} (log refs, entities may be null) and
 *       {@code evidence_refs} {@code [{kind, ref}]} of kinds {@code flow_binding_source_event},
 *       {@code join_frame_source_event}, {@code join_checkpoint};</li>
 *   <li>{@code MISSING_BINDING} [{@code FLOW_BINDING_NOT_FOUND}]; {@code MISSING_JOIN_FRAME}
 *       [{@code JOIN_FRAME_NOT_FOUND} | {@code JOIN_FRAME_INCOMPLETE}];</li>
 *   <li>{@code CONFLICT} [{@code PINS_MISMATCH}]: the binding's pins differ from the request's (six pins, and
 *       {@code run_id} when both have one);</li>
 *   <li>{@code INVALID_REQUEST} [{@code FLOW_ID_INVALID} | {@code JOIN_FRAME_KEY_INVALID}] for a malformed key.</li>
 * </ul>
 * {@code basis} = {@code {stream_id, checkpoints: [{topic, partition, offset, offset_kind}], basis_digest}}: the
 * committed checkpoints read <em>before</em> the state, so a binding missing in the answer was missing at that basis
 * (bindings are append-only); a READY answer cites its own source offsets in {@code evidence_refs}.
 *
 * <p>A request that is wrong as a whole answers {@code {"request_id", "status": "INVALID_REQUEST", "reason_codes",
 * "pins", "resolved_at_utc"}} (pins missing or malformed, no or two selectors, an unknown query kind, too many
 * keys); one that is not a JSON object or whose pins are not an object, and a store failure, answer
 * {@code {"status": "ERROR", "code", "retryable", "detail"}} ({@code REQUEST_MALFORMED} not retryable,
 * {@code STORE_UNAVAILABLE} retryable). The future fails only when CSFB is not reachable (not deployed for this run,
 * or the reply timed out).
 */
public final class FlowBindingQueryClient {
  public static final String RESOLVE_FLOW_BINDING = "resolve_flow_binding";
  public static final String FETCH_JOIN_FRAME = "fetch_join_frame";
  public static final int MAX_KEYS = 1_000;
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  private final Vertx vertx;
  private final String platformRunId;
  private final DeliveryOptions options;

  public FlowBindingQueryClient(Vertx vertx, String platformRunId) {
    this(vertx, platformRunId, DEFAULT_TIMEOUT_MS);
  }

  public FlowBindingQueryClient(Vertx vertx, String platformRunId, long timeoutMs) {
    this.vertx = vertx;
    this.platformRunId = platformRunId;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** {@code fp.csfb.query::<platform_run_id>}: CSFB of that run answers here. */
  public static String address(String platformRunId) {
    return "fp.csfb.query::" + platformRunId;
  }

  /** {@value #RESOLVE_FLOW_BINDING} for every flow id of {@code flowIds}. */
  public Future<JsonObject> resolveFlowBindings(String requestId, Map<String, ?> pins, Collection<?> flowIds) {
    return request(new JsonObject().put("request_id", requestId).put("query_kind", RESOLVE_FLOW_BINDING)
        .put("pins", new JsonObject(new LinkedHashMap<>(pins))).put("flow_ids", new JsonArray(new ArrayList<>(flowIds))));
  }

  /** {@value #FETCH_JOIN_FRAME} for every {@code {merchant_id, arrival_seq}} of {@code keys}. */
  public Future<JsonObject> fetchJoinFrames(String requestId, Map<String, ?> pins,
                                            Collection<? extends Map<String, ?>> keys) {
    JsonArray items = new JsonArray();
    keys.forEach(k -> items.add(new JsonObject(new LinkedHashMap<>(k))));
    return request(new JsonObject().put("request_id", requestId).put("query_kind", FETCH_JOIN_FRAME)
        .put("pins", new JsonObject(new LinkedHashMap<>(pins))).put("join_frame_keys", items));
  }

  /** Any request body as documented above. */
  public Future<JsonObject> request(JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address(platformRunId), body, options).map(Message::body);
  }
}
