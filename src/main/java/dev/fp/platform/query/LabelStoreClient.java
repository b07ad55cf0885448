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
 * How Case Management and operators reach the Label Store (case_ops_obs §3.3–§3.4): LS answers on the Vert.x event bus
 * at {@value #WRITE_ADDRESS} (the writer boundary) and {@value #QUERY_ADDRESS} (timeline and as-of reads).
 *
 * <p>{@link #write}: request {@code {"assertions": [LabelAssertion…]}}, answer
 * {@code {"results": [{"status": "ACCEPTED"|"REJECTED", "reason_code", "label_assertion_id", "assertion_ref",
 * "replay_count", "mismatch_count"}…]}}, one per assertion, in order. ACCEPTED is sent only after LS's StateStore
 * batch holding the assertion committed. Reason codes: ASSERTION_COMMITTED_NEW, ASSERTION_REPLAY_MATCH (ACCEPTED);
 * {@code CONTRACT_INVALID:<field>}, MISSING_EVIDENCE_REFS, DEDUPE_TUPLE_COLLISION, PAYLOAD_HASH_MISMATCH,
 * RUN_SCOPE_MISMATCH (a subject of another run than LS's) (REJECTED). Writing the same assertion again is safe.
 *
 * <p>{@link #timeline}: {@code {"status": "OK", "platform_run_id", "event_id", "label_type"|null, "assertions":
 * [LabelAssertion + "committed_at_utc"…]}} ordered by (observed_time, effective_time, label_assertion_id).
 * {@link #asOf} with a label type: {@code {"status": "RESOLVED"|"CONFLICT"|"NOT_FOUND", "platform_run_id",
 * "event_id", "label_type", "as_of_observed_time", "selected_assertion_id", "selected_label_value",
 * "candidate_assertion_ids", "candidate_label_values"}}; without one: {@code {"status": "OK", "platform_run_id",
 * "event_id", "as_of_observed_time", "labels": {label_type → that result}}}. A refused query is
 * {@code {"status": "ERROR", "code", "detail"}} (codes INVALID_REQUEST, RUN_SCOPE_MISMATCH).
 *
 * <p>Every future FAILS when no Label Store answers (not deployed: {@code NO_HANDLERS}, or the reply timed out) or LS
 * could not commit (the failure message says why); callers treat that as "not written", never as a rejection.
 */
public final class LabelStoreClient {
  public static final String WRITE_ADDRESS = "fp.ls.write";
  public static final String QUERY_ADDRESS = "fp.ls.query";
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  private final Vertx vertx;
  private final DeliveryOptions options;

  public LabelStoreClient(Vertx vertx) {
    this(vertx, DEFAULT_TIMEOUT_MS);
  }

  public LabelStoreClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** Submits label assertions (wire maps, see {@link dev.fp.contract.LabelAssertions}); results in order. */
  public Future<JsonObject> write(List<Map<String, Object>> assertions) {
    JsonArray items = new JsonArray();
    assertions.forEach(a -> items.add(new JsonObject(a)));
    return request(WRITE_ADDRESS, new JsonObject().put("assertions", items));
  }

  /** Every assertion about the event, of {@code labelType} or of every type when null. */
  public Future<JsonObject> timeline(String platformRunId, String eventId, String labelType) {
    return request(QUERY_ADDRESS, query("timeline", platformRunId, eventId, labelType));
  }

  /** The label(s) of the event as of {@code asOfUtc} (an observed time, {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}). */
  public Future<JsonObject> asOf(String platformRunId, String eventId, String labelType, String asOfUtc) {
    return request(QUERY_ADDRESS, query("as_of", platformRunId, eventId, labelType).put("as_of", asOfUtc));
  }

  private static JsonObject query(String kind, String platformRunId, String eventId, String labelType) {
    return new JsonObject().put("query", kind).put("platform_run_id", platformRunId).put("event_id", eventId)
        .put("label_type", labelType);
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, options).map(Message::body);
  }
}
