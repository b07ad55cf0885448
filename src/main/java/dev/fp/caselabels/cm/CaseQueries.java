package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CaseProjection;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.WireFormats;
import dev.fp.platform.query.CaseQueryClient;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers {@link CaseQueryClient} requests at {@value CaseQueryClient#ADDRESS} from CM's tables through
 * {@link CmReads}: for any run, whether or not its CM runs now (the state is durable). Registered once per process by
 * the composition root; bad requests answer {@code ERROR} with a precise code.
 */
public final class CaseQueries {
  private final Supplier<Future<StateStore>> store;

  private CaseQueries(Supplier<Future<StateStore>> store) {
    this.store = store;
  }

  /** Registers the service on the event bus; the consumer completes once registered. */
  public static MessageConsumer<JsonObject> register(Vertx vertx, Supplier<Future<StateStore>> store) {
    CaseQueries q = new CaseQueries(store);
    return vertx.eventBus().consumer(CaseQueryClient.ADDRESS, msg -> q.answer(msg.body())
        .otherwise(err -> error("STORE_ERROR", err.toString()))
        .onSuccess(msg::reply));
  }

  Future<JsonObject> answer(JsonObject q) {
    String run = q.getString("platform_run_id");
    if (run == null || !PlatformRunIds.isValid(run)) {
      return Future.succeededFuture(error("INVALID_RUN_ID", "not a platform run id: " + run));
    }
    return switch (String.valueOf(q.getString("query"))) {
      case "case" -> caseDetail(run, q.getString("case_id"));
      case "cases" -> cases(run, q.getString("state"), q.getValue("limit"));
      default -> Future.succeededFuture(error("INVALID_REQUEST", "query must be case or cases"));
    };
  }

  private Future<JsonObject> caseDetail(String run, String caseId) {
    if (caseId == null || !WireFormats.isHex32(caseId)) {
      return Future.succeededFuture(error("INVALID_CASE_ID", "a case id is 32 lower-case hex, got " + caseId));
    }
    return store.get().compose(s -> CmReads.caseDetail(s, run, caseId)).map(c -> c == null
        ? new JsonObject().put("status", "NOT_FOUND")
        : new JsonObject().put("status", "OK").put("case", new JsonObject(c)));
  }

  private Future<JsonObject> cases(String run, String state, Object limit) {
    if (state != null && !CaseProjection.STATUSES.contains(state)) {
      return Future.succeededFuture(error("INVALID_STATE", "state must be one of " + CaseProjection.STATUSES
          + ", got " + state));
    }
    if (!(limit instanceof Integer n) || n < 1 || n > CaseQueryClient.MAX_LIMIT) {
      return Future.succeededFuture(error("INVALID_LIMIT", "limit must be an integer in [1, "
          + CaseQueryClient.MAX_LIMIT + "], got " + limit));
    }
    return store.get().compose(s -> CmReads.cases(s, run, state, n)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(m -> out.add(new JsonObject(m)));
      return new JsonObject().put("status", "OK").put("platform_run_id", run).put("state", state).put("limit", n)
          .put("cases", out);
    });
  }

  private static JsonObject error(String code, String detail) {
    return new JsonObject(Map.of("status", "ERROR", "code", code, "detail", detail));
  }
}
