package dev.fp.rtdl.ieg;

import dev.fp.platform.VertxJson;
import dev.fp.platform.log.Logging;
import dev.fp.platform.query.GraphQueryClient;
import dev.fp.rtdl.ieg.core.GraphVersion;
import dev.fp.rtdl.ieg.store.EdgeKey;
import dev.fp.rtdl.ieg.store.EdgeRecord;
import dev.fp.rtdl.ieg.store.EntityKey;
import dev.fp.rtdl.ieg.store.EntityRecord;
import dev.fp.rtdl.ieg.store.GraphTables;
import dev.fp.rtdl.ieg.store.IdentifierKey;
import dev.fp.rtdl.ieg.store.IdentifierRecord;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IEG's query service at {@link GraphQueryClient#address}: {@code resolve} and {@code neighbours} as documented on
 * {@link GraphQueryClient}, answered from committed StateStore rows only, with asynchronous reads (O(keys requested):
 * one prefix scan per key and one multi-get). The graph version of an answer is read before and after its rows; a
 * commit in between (the basis moved) makes it read again, so every row of an answer belongs to the cited version.
 */
final class GraphQueryService {
  /** Reads of one answer before it gives up on a graph that keeps moving (UNAVAILABLE, retryable). */
  static final int ATTEMPTS = 5;
  /** Entities one identifier may resolve to in an answer (v0: one per scenario run of the platform run). */
  static final int MAX_ENTITIES_PER_IDENTIFIER = 100;
  private static final Logger LOG = Logging.component(IdentityEntityGraph.PROCESS_ID);
  private final StateStore store;
  private final String runId;
  private final String groupId;
  private final String offsetKind;

  /** A failure with an error code for the answer. */
  static final class QueryError extends RuntimeException {
    final String code;
    final boolean retryable;

    QueryError(String code, boolean retryable, String detail) {
      super(detail);
      this.code = code;
      this.retryable = retryable;
    }
  }

  GraphQueryService(StateStore store, String runId, String offsetKind) {
    this.store = store;
    this.runId = runId;
    this.groupId = IdentityEntityGraph.groupId(runId);
    this.offsetKind = offsetKind;
  }

  MessageConsumer<JsonObject> register(EventBus bus) {
    return bus.consumer(GraphQueryClient.address(runId), this::handle);
  }

  @SuppressWarnings("unchecked")
  private void handle(Message<JsonObject> msg) {
    Object requestId = msg.body() == null ? null : msg.body().getValue("request_id");
    Future<Map<String, Object>> answer;
    try {
      Map<String, Object> request = (Map<String, Object>) VertxJson.plain(msg.body());
      answer = answer(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("status", "OK");
        ok.put("request_id", requestId);
        ok.putAll(ar.result());
        msg.reply(new JsonObject(ok));
      } else {
        msg.reply(new JsonObject(error(ar.cause(), requestId)));
      }
    });
  }

  private Map<String, Object> error(Throwable err, Object requestId) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("status", "ERROR");
    if (err instanceof QueryError q) {
      e.put("code", q.code);
      e.put("retryable", q.retryable);
      e.put("detail", q.getMessage());
    } else if (err instanceof IllegalArgumentException || err instanceof ClassCastException
        || err instanceof NullPointerException) {
      e.put("code", "INVALID_REQUEST");
      e.put("retryable", false);
      e.put("detail", "invalid request: " + err.getMessage());
    } else {
      LOG.warn("{}: graph query failed: {}", groupId, err.toString());
      e.put("code", "UNAVAILABLE");
      e.put("retryable", true);
      e.put("detail", "the graph store failed: " + err);
    }
    e.put("request_id", requestId);
    return e;
  }

  /** The answer to a request (without status and request_id). */
  Future<Map<String, Object>> answer(Map<String, Object> request) {
    Object op = request.get("op");
    if (GraphQueryClient.OP_RESOLVE.equals(op)) {
      List<Map<String, String>> identifiers = identifiers(request.get("identifiers"));
      return consistent(String.valueOf(op), () -> resolve(identifiers), ATTEMPTS);
    }
    if (GraphQueryClient.OP_NEIGHBOURS.equals(op)) {
      List<String> ids = entityIds(request.get("entity_ids"));
      Object type = request.get("entity_type");
      if (type != null && !(type instanceof String)) {
        throw invalid("entity_type must be a string");
      }
      int limit = limit(request.get("limit"));
      return consistent(String.valueOf(op), () -> neighbours(ids, (String) type, limit), ATTEMPTS);
    }
    throw invalid("op must be " + GraphQueryClient.OP_RESOLVE + " or " + GraphQueryClient.OP_NEIGHBOURS + ", got "
        + op);
  }

  private static QueryError invalid(String detail) {
    return new QueryError("INVALID_REQUEST", false, detail);
  }

  private static List<Map<String, String>> identifiers(Object value) {
    List<?> items = keys(value, "identifiers");
    List<Map<String, String>> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> m) || !(m.get("identifier_type") instanceof String t) || t.isEmpty()
          || m.get("identifier_value") == null || "".equals(m.get("identifier_value"))) {
        throw invalid("each identifier is {identifier_type, identifier_value}, got " + item);
      }
      Object v = m.get("identifier_value");
      out.add(Map.of("identifier_type", t, "identifier_value", v instanceof String s ? s
          : dev.fp.contract.PyStr.str(v)));
    }
    return out;
  }

  private static List<String> entityIds(Object value) {
    List<?> items = keys(value, "entity_ids");
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String s) || s.isEmpty()) {
        throw invalid("entity_ids holds strings, got " + item);
      }
      out.add(s);
    }
    return out;
  }

  private static List<?> keys(Object value, String field) {
    if (!(value instanceof List<?> items) || items.isEmpty()) {
      throw invalid(field + " must be a non-empty list");
    }
    if (items.size() > GraphQueryClient.MAX_KEYS) {
      throw invalid(field + " names " + items.size() + " keys; at most " + GraphQueryClient.MAX_KEYS);
    }
    return items;
  }

  private static int limit(Object value) {
    if (value == null) {
      return GraphQueryClient.DEFAULT_LIMIT;
    }
    if (!(value instanceof Number n) || n.longValue() < 1 || n.longValue() > GraphQueryClient.MAX_LIMIT
        || n.doubleValue() != n.longValue()) {
      throw invalid("limit must be an integer in 1.." + GraphQueryClient.MAX_LIMIT + ", got " + value);
    }
    return n.intValue();
  }

  /** Reads {@code rows} between two reads of the basis; again when a commit moved it meanwhile. */
  private Future<Map<String, Object>> consistent(String op, Supplier<Future<List<Object>>> rows, int attemptsLeft) {
    return version().compose(before -> rows.get().compose(results -> version().compose(after -> {
      if (!after.versionId().equals(before.versionId())) {
        return attemptsLeft > 1 ? consistent(op, rows, attemptsLeft - 1)
            : Future.failedFuture(new QueryError("UNAVAILABLE", true, "the graph moved under " + ATTEMPTS
                + " consecutive reads; ask again"));
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("op", op);
      a.put("platform_run_id", runId);
      a.put("graph_version", after.versionId());
      a.put("graph_version_hex32", after.hex32());
      a.put("basis", after.basis());
      a.put("results", results);
      return Future.succeededFuture(a);
    })));
  }

  /** The graph version of the committed state now. */
  Future<GraphVersion> version() {
    return store.checkpoints(groupId).map(cps -> {
      Map<TopicPartition, String> offsets = new LinkedHashMap<>();
      for (Map.Entry<TopicPartition, Checkpoint> e : cps.entrySet()) {
        offsets.put(e.getKey(), e.getValue().offset());
      }
      return GraphVersion.of(groupId, offsetKind, offsets);
    });
  }

  private Future<List<Object>> resolve(List<Map<String, String>> identifiers) {
    List<Future<List<KeyValue<IdentifierKey, IdentifierRecord>>>> scans = new ArrayList<>();
    for (Map<String, String> i : identifiers) {
      scans.add(store.scan(GraphTables.IDENTIFIERS, KeyRange.prefix(GraphTables.identifierPrefix(runId,
          i.get("identifier_type"), i.get("identifier_value"))), MAX_ENTITIES_PER_IDENTIFIER));
    }
    return Future.all(scans).compose(done -> {
      LinkedHashSet<EntityKey> keys = new LinkedHashSet<>();
      scans.forEach(s -> s.result().forEach(kv -> keys.add(new EntityKey(runId, kv.key().entityId()))));
      return keys.isEmpty() ? Future.succeededFuture(Map.<EntityKey, EntityRecord>of())
          : store.multiGet(GraphTables.ENTITIES, keys);
    }).map(entities -> {
      List<Object> results = new ArrayList<>(identifiers.size());
      for (int n = 0; n < identifiers.size(); n++) {
        List<Object> found = new ArrayList<>();
        for (KeyValue<IdentifierKey, IdentifierRecord> kv : scans.get(n).result()) {
          EntityRecord e = entities.get(new EntityKey(runId, kv.key().entityId()));
          if (e != null) {
            found.add(entity(kv.key().entityId(), e));
          }
        }
        Map<String, Object> r = new LinkedHashMap<>(identifiers.get(n));
        r.put("conflict", found.size() > 1);
        r.put("entities", found);
        results.add(r);
      }
      return results;
    });
  }

  private Future<List<Object>> neighbours(List<String> entityIds, String entityType, int limit) {
    List<EntityKey> keys = entityIds.stream().map(id -> new EntityKey(runId, id)).toList();
    Future<Map<EntityKey, EntityRecord>> entities = store.multiGet(GraphTables.ENTITIES, keys);
    List<Future<List<KeyValue<EdgeKey, EdgeRecord>>>> scans = new ArrayList<>();
    for (String id : entityIds) {
      scans.add(store.scan(GraphTables.EDGES, KeyRange.prefix(GraphTables.edgePrefix(runId, id, entityType)),
          limit + 1));
    }
    List<Future<?>> all = new ArrayList<>(scans);
    all.add(entities);
    return Future.all(all).map(done -> {
      List<Object> results = new ArrayList<>(entityIds.size());
      for (int n = 0; n < entityIds.size(); n++) {
        EntityRecord e = entities.result().get(keys.get(n));
        List<KeyValue<EdgeKey, EdgeRecord>> edges = scans.get(n).result();
        List<Object> neighbours = new ArrayList<>();
        for (KeyValue<EdgeKey, EdgeRecord> kv : edges.subList(0, Math.min(limit, edges.size()))) {
          Map<String, Object> nb = new LinkedHashMap<>();
          nb.put("entity_id", kv.key().neighbourId());
          nb.put("entity_type", kv.key().neighbourType());
          nb.put("identifier_type", kv.value().neighbourIdentifierType());
          nb.put("identifier_value", kv.value().neighbourIdentifierValue());
          nb.put("first_seen_ts_utc", kv.value().firstSeenTsUtc());
          nb.put("first_seen_event_id", kv.value().firstEventId());
          nb.put("last_seen_ts_utc", kv.value().lastSeenTsUtc());
          neighbours.add(nb);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("entity_id", entityIds.get(n));
        r.put("found", e != null);
        r.put("entity", e == null ? null : entity(entityIds.get(n), e));
        r.put("neighbours", neighbours);
        r.put("truncated", edges.size() > limit);
        results.add(r);
      }
      return results;
    });
  }

  private static Map<String, Object> entity(String entityId, EntityRecord e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entity_id", entityId);
    m.put("entity_type", e.entityType());
    m.put("identifier_type", e.identifierType());
    m.put("identifier_value", e.identifierValue());
    m.put("scenario_run_id", e.scenarioRunId());
    m.put("first_seen_ts_utc", e.firstSeenTsUtc());
    m.put("first_seen_event_id", e.firstEventId());
    m.put("last_seen_ts_utc", e.lastSeenTsUtc());
    return m;
  }
}
