package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * How operators (the ops API) read Case Management's cases without importing it: a request on the Vert.x event bus to
 * {@value #ADDRESS}, answered by the process that owns the StateStore for any run.
 *
 * <p>{@link #caseDetail}: {@code {"status": "OK", "case": {platform_run_id, case_id, case_subject_key, pins,
 * trigger_count, first_observed_time, last_observed_time, created_at_utc, projection{status, queue_state, is_open,
 * pending_label_write, pending_action_outcome, assignee, last_activity_observed_time, event_count}, timeline[events in
 * (observed_time, case_timeline_event_id) order, each with actor_id, source_type, appended_at_utc], labels[{
 * label_assertion_id, label_type, label_value, status, attempt_count, last_reason_code, assertion_ref, …}]}}} or
 * {@code {"status": "NOT_FOUND"}}. {@link #cases}: {@code {"status": "OK", "platform_run_id", "state", "limit",
 * "cases": [case without timeline and labels…]}} in case-id order. A refused query is {@code {"status": "ERROR",
 * "code", "detail"}} (codes INVALID_RUN_ID, INVALID_CASE_ID, INVALID_STATE, INVALID_LIMIT, STORE_ERROR). The future
 * fails when nothing answers (NO_HANDLERS: no platform process serves case queries).
 */
public final class CaseQueryClient {
  public static final String ADDRESS = "fp.cm.query";
  public static final int MAX_LIMIT = 1_000;
  private final Vertx vertx;
  private final DeliveryOptions options;

  public CaseQueryClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** The case {@code caseId} of run {@code platformRunId}. */
  public Future<JsonObject> caseDetail(String platformRunId, String caseId) {
    return request(new JsonObject().put("query", "case").put("platform_run_id", platformRunId)
        .put("case_id", caseId));
  }

  /** Up to {@code limit} cases of the run whose projected status is {@code state} (every case when null). */
  public Future<JsonObject> cases(String platformRunId, String state, int limit) {
    return request(new JsonObject().put("query", "cases").put("platform_run_id", platformRunId).put("state", state)
        .put("limit", limit));
  }

  private Future<JsonObject> request(JsonObject body) {
    return vertx.eventBus().<JsonObject>request(ADDRESS, body, options).map(Message::body);
  }
}
