package dev.fp.rtdl.ofp;

import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.platform.query.FeatureQueryClient;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.rtdl.ofp.core.FeatureRequest;
import dev.fp.rtdl.ofp.core.FeatureRequest.QueryError;
import dev.fp.rtdl.ofp.core.FeatureSnapshot;
import dev.fp.rtdl.ofp.store.FlowState;
import dev.fp.rtdl.ofp.store.OfpMeta;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.rtdl.ofp.store.OfpTables.FeatureKey;
import dev.fp.rtdl.ofp.store.OfpTables.FlowKey;
import dev.fp.rtdl.ofp.store.WindowedState;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves {@code get_features} for one run at {@link FeatureQueryClient#address}: parses the request, reads the
 * committed basis (checkpoints of group {@code ofp.v0::<run>}, then the newest event time applied), then only the
 * rows the request names (one {@code multiGet} per table), and answers the {@link FeatureSnapshot}. The basis is read
 * before the rows, so the rows are at least as new as the basis they cite. Nothing blocks the event loop; nothing is
 * written. Counts requests, errors and missing keys for health (in memory: the durable record of a decision is DF's).
 */
final class FeatureQueryService {
  private final Vertx vertx;
  private final StateStore store;
  private final String run;
  private final FeatureSnapshot snapshots;
  private final int maxKeys;
  private final Clock clock;
  private final String offsetKind;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong missingKeys = new AtomicLong();
  final AtomicLong staleBasis = new AtomicLong();
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> basisConsumer;

  FeatureQueryService(Vertx vertx, StateStore store, String run, FeatureSnapshot snapshots, int maxKeys,
                      String offsetKind, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.run = run;
    this.snapshots = snapshots;
    this.maxKeys = maxKeys;
    this.offsetKind = offsetKind;
    this.clock = clock;
  }

  Future<Void> register() {
    consumer = vertx.eventBus().consumer(FeatureQueryClient.address(run), this::handle);
    basisConsumer = vertx.eventBus().consumer(FeatureQueryClient.basisAddress(run), this::handleBasis);
    return Future.all(consumer.completion(), basisConsumer.completion()).mapEmpty();
  }

  Future<Void> unregister() {
    return Future.all(consumer == null ? Future.succeededFuture() : consumer.unregister(),
        basisConsumer == null ? Future.succeededFuture() : basisConsumer.unregister()).mapEmpty();
  }

  /** The committed checkpoints only (see {@link FeatureQueryClient#basis}): not a feature request, not counted. */
  private void handleBasis(Message<JsonObject> msg) {
    store.checkpoints(StreamComponent.groupId(OnlineFeaturePlane.NAME, run)).onComplete(ar -> {
      if (ar.failed()) {
        msg.reply(new JsonObject().put("status", "ERROR").put("code", "UNAVAILABLE").put("retryable", true)
            .put("detail", "checkpoints not readable: " + ar.cause()));
        return;
      }
      JsonArray offsets = new JsonArray();
      ar.result().forEach((tp, cp) -> offsets.add(new JsonObject().put("topic", tp.topic())
          .put("partition", tp.partition()).put("offset", cp.offset())));
      msg.reply(new JsonObject().put("status", "OK").put("offsets", offsets));
    });
  }

  private void handle(Message<JsonObject> msg) {
    requests.incrementAndGet();
    Map<String, Object> body;
    FeatureRequest req;
    try {
      body = msg.body() == null ? Map.of() : Json.readObject(msg.body().toBuffer().getBytes());
      req = FeatureRequest.parse(body, run, maxKeys);
    } catch (QueryError e) {
      msg.reply(error(e.code(), e.retryable(), e.getMessage(), msg.body()));
      return;
    } catch (java.io.IOException | RuntimeException e) {
      msg.reply(error("INVALID_REQUEST", false, "not a JSON object: " + e.getMessage(), null));
      return;
    }
    answer(req).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        msg.reply(error("UNAVAILABLE", true, "state not readable: " + ar.cause(), msg.body()));
      }
    });
  }

  private Future<JsonObject> answer(FeatureRequest req) {
    return store.checkpoints(StreamComponent.groupId(OnlineFeaturePlane.NAME, run))
        .compose(cps -> store.get(OfpTables.META, run).map(meta -> {
          List<FeatureSnapshot.Offset> offsets = new ArrayList<>();
          cps.forEach((tp, cp) -> offsets.add(new FeatureSnapshot.Offset(tp.topic(), tp.partition(), cp.offset())));
          return new FeatureSnapshot.Basis(offsetKind, offsets, meta == null ? null : meta.maxEventMicros());
        }))
        .compose(basis -> {
          List<FlowKey> flowKeys = snapshots.flowIds(req).stream().map(id -> new FlowKey(run, id)).toList();
          List<FeatureKey> featureKeys = snapshots.featureKeys(req, run);
          Future<Map<FlowKey, FlowState>> flows = flowKeys.isEmpty() ? Future.succeededFuture(Map.of())
              : store.multiGet(OfpTables.FLOWS, flowKeys);
          Future<Map<FeatureKey, WindowedState>> rows = featureKeys.isEmpty() ? Future.succeededFuture(Map.of())
              : store.multiGet(OfpTables.FEATURES, featureKeys);
          return Future.all(flows, rows).map(v -> {
            Map<String, FlowState> byFlow = new HashMap<>();
            flows.result().forEach((k, f) -> byFlow.put(k.flowId(), f));
            Map<String, Object> snapshot = snapshots.build(req, run, basis, byFlow, rows.result());
            count(snapshot);
            Map<String, Object> ok = new LinkedHashMap<>();
            ok.put("status", "OK");
            ok.put("request_id", req.requestId());
            ok.put("served_at_utc", Timestamps.now(clock));
            ok.put("snapshot", snapshot);
            return new JsonObject(ok);
          });
        });
  }

  @SuppressWarnings("unchecked")
  private void count(Map<String, Object> snapshot) {
    Map<String, Object> freshness = (Map<String, Object>) snapshot.get("freshness");
    missingKeys.addAndGet(((List<?>) freshness.get("missing_keys")).size());
    if (((List<?>) freshness.get("flags")).contains(FeatureSnapshot.STALE_INPUT_BASIS)) {
      staleBasis.incrementAndGet();
    }
  }

  private JsonObject error(String code, boolean retryable, String detail, JsonObject body) {
    errors.incrementAndGet();
    return new JsonObject().put("status", "ERROR").put("code", code).put("retryable", retryable)
        .put("detail", detail).put("request_id", body == null ? null : body.getValue("request_id") instanceof String s
            ? s : null)
        .put("served_at_utc", Timestamps.now(clock));
  }

  /** The query counters, for health and metrics. */
  Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("query_requests", requests.get());
    m.put("query_errors", errors.get());
    m.put("missing_features", missingKeys.get());
    m.put("stale_input_basis", staleBasis.get());
    return m;
  }
}
