package dev.fp.rtdl.csfb;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.EnvelopeValidator;
import dev.fp.contract.EnvelopeViolation;
import dev.fp.contract.Hashing;
import dev.fp.contract.JsonValues;
import dev.fp.contract.Timestamps;
import dev.fp.platform.VertxJson;
import dev.fp.platform.query.FlowBindingQueryClient;
import dev.fp.rtdl.csfb.store.ContextRef;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.rtdl.csfb.store.CsfbTables.BindingKey;
import dev.fp.rtdl.csfb.store.FlowBinding;
import dev.fp.rtdl.csfb.store.JoinFrame;
import dev.fp.rtdl.csfb.store.JoinFrameKey;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers {@link FlowBindingQueryClient} requests (rtdl_design §2, reference rtdl §4 query service) from CSFB's
 * committed state: the group's checkpoints first (the basis), then one {@code multiGet} of the bindings and one of
 * the frames the request names — O(keys requested), asynchronous, never blocking the caller's event loop.
 */
final class FlowBindingQueries {
  static final List<String> REQUIRED_PINS = List.of(EnvelopeFields.PLATFORM_RUN_ID, EnvelopeFields.SCENARIO_RUN_ID,
      EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PARAMETER_HASH, EnvelopeFields.SCENARIO_ID,
      EnvelopeFields.SEED);
  private static final Set<String> PIN_FIELDS = Set.of(EnvelopeFields.PLATFORM_RUN_ID,
      EnvelopeFields.SCENARIO_RUN_ID, EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PARAMETER_HASH,
      EnvelopeFields.SCENARIO_ID, EnvelopeFields.SEED, EnvelopeFields.RUN_ID);
  private final StateStore store;
  private final String platformRunId;
  private final String groupId;
  private final Clock clock;

  FlowBindingQueries(StateStore store, String platformRunId, String groupId, Clock clock) {
    this.store = store;
    this.platformRunId = platformRunId;
    this.groupId = groupId;
    this.clock = clock;
  }

  /** The answer to {@code body}; never fails (a store failure is an ERROR answer). */
  @SuppressWarnings("unchecked")
  Future<JsonObject> answer(Object body) {
    if (!(plainOrNull(body) instanceof Map<?, ?> plain)) {
      return Future.succeededFuture(error("REQUEST_MALFORMED", false, "the request is not a JSON object"));
    }
    Map<String, Object> request = (Map<String, Object>) plain;
    if (!(request.get("pins") instanceof Map<?, ?> rawPins)) {
      return Future.succeededFuture(error("REQUEST_MALFORMED", false, "pins is not an object"));
    }
    Map<String, Object> pins = (Map<String, Object>) rawPins;
    String requestId = request.get("request_id") == null ? null : String.valueOf(request.get("request_id"));
    String kind = request.get("query_kind") instanceof String k ? k : null;
    List<String> problems = new ArrayList<>(pinProblems(pins));
    boolean flows = request.containsKey("flow_ids");
    boolean frames = request.containsKey("join_frame_keys");
    if (FlowBindingQueryClient.RESOLVE_FLOW_BINDING.equals(kind)) {
      if (!flows || frames) {
        problems.add("SELECTOR_INVALID");
      }
    } else if (FlowBindingQueryClient.FETCH_JOIN_FRAME.equals(kind)) {
      if (!frames || flows) {
        problems.add("SELECTOR_INVALID");
      }
    } else {
      problems.add("QUERY_KIND_UNSUPPORTED");
    }
    List<?> keys = request.get(flows ? "flow_ids" : "join_frame_keys") instanceof List<?> l ? l : null;
    if (problems.isEmpty() && (keys == null || keys.isEmpty() || keys.size() > FlowBindingQueryClient.MAX_KEYS)) {
      problems.add("SELECTOR_INVALID");
    }
    JsonObject head = new JsonObject().put("request_id", requestId).put("query_kind", kind)
        .put("pins", new JsonObject(pins)).put("resolved_at_utc", Timestamps.now(clock));
    if (!problems.isEmpty()) {
      return Future.succeededFuture(head.put("status", "INVALID_REQUEST").put("reason_codes", problems));
    }
    boolean byFlow = flows;
    return store.checkpoints(groupId).compose(basis -> (byFlow ? resolve(pins, keys) : fetch(pins, keys))
            .map(r -> head.put("status", "OK").put("basis", basis(basis)).put("results", JsonValues.plain(r))))
        .otherwise(err -> error("STORE_UNAVAILABLE", true, String.valueOf(err.getMessage())));
  }

  /** The body as plain JSON values, null when it is no JSON value at all (e.g. bytes). */
  private static Object plainOrNull(Object body) {
    try {
      return VertxJson.plain(body);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private Future<List<Map<String, Object>>> resolve(Map<String, Object> pins, List<?> flowIds) {
    String scenarioRunId = String.valueOf(pins.get(EnvelopeFields.SCENARIO_RUN_ID));
    List<String> ids = flowIds.stream().map(FlowBindingQueries::flowId).toList();
    Set<BindingKey> wanted = new LinkedHashSet<>();
    ids.stream().filter(id -> id != null).forEach(id -> wanted.add(new BindingKey(platformRunId, scenarioRunId, id)));
    return store.multiGet(CsfbTables.BINDINGS, wanted).compose(bindings -> {
      Set<JoinFrameKey> frameKeys = new LinkedHashSet<>();
      bindings.values().forEach(b -> frameKeys.add(b.joinFrameKey()));
      return store.multiGet(CsfbTables.FRAMES, frameKeys).map(frames -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          String id = ids.get(i);
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("flow_id", id == null ? flowIds.get(i) : id);
          if (id == null) {
            out.add(status(item, "INVALID_REQUEST", "FLOW_ID_INVALID"));
            continue;
          }
          FlowBinding b = bindings.get(new BindingKey(platformRunId, scenarioRunId, id));
          if (b == null) {
            out.add(status(item, "MISSING_BINDING", "FLOW_BINDING_NOT_FOUND"));
            continue;
          }
          if (!samePins(b.pins(), pins)) {
            out.add(status(item, "CONFLICT", "PINS_MISMATCH"));
            continue;
          }
          item.put("join_frame_key", b.joinFrameKey().toJson());
          item.put("flow_binding", b.toJson());
          out.add(frameAnswer(item, frames.get(b.joinFrameKey()), b));
        }
        return out;
      });
    });
  }

  private Future<List<Map<String, Object>>> fetch(Map<String, Object> pins, List<?> requested) {
    String scenarioRunId = String.valueOf(pins.get(EnvelopeFields.SCENARIO_RUN_ID));
    List<JoinFrameKey> keys = requested.stream().map(k -> frameKey(k, scenarioRunId)).toList();
    Set<JoinFrameKey> wanted = new LinkedHashSet<>();
    keys.stream().filter(k -> k != null).forEach(wanted::add);
    return store.multiGet(CsfbTables.FRAMES, wanted).compose(frames -> {
      Set<BindingKey> bindingKeys = new LinkedHashSet<>();
      frames.values().stream().filter(JoinFrame::bound)
          .forEach(f -> bindingKeys.add(new BindingKey(platformRunId, scenarioRunId, f.flowId())));
      return store.multiGet(CsfbTables.BINDINGS, bindingKeys).map(bindings -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          JoinFrameKey k = keys.get(i);
          Map<String, Object> item = new LinkedHashMap<>();
          if (k == null) {
            item.put("join_frame_key", requested.get(i));
            out.add(status(item, "INVALID_REQUEST", "JOIN_FRAME_KEY_INVALID"));
            continue;
          }
          item.put("join_frame_key", k.toJson());
          JoinFrame f = frames.get(k);
          FlowBinding b = f == null || !f.bound() ? null
              : bindings.get(new BindingKey(platformRunId, scenarioRunId, f.flowId()));
          if (b != null && !samePins(b.pins(), pins)) {
            out.add(status(item, "CONFLICT", "PINS_MISMATCH"));
            continue;
          }
          if (b != null) {
            item.put("flow_id", b.flowId());
            item.put("flow_binding", b.toJson());
          }
          out.add(frameAnswer(item, f, b));
        }
        return out;
      });
    });
  }

  /** READY with refs when the frame is complete and bound, else what is missing. */
  private static Map<String, Object> frameAnswer(Map<String, Object> item, JoinFrame f, FlowBinding b) {
    if (f == null) {
      return status(item, "MISSING_JOIN_FRAME", "JOIN_FRAME_NOT_FOUND");
    }
    item.put("join_frame", frameJson(f));
    if (!f.contextComplete()) {
      return status(item, "MISSING_JOIN_FRAME", "JOIN_FRAME_INCOMPLETE");
    }
    if (b == null) {
      return status(item, "MISSING_BINDING", "FLOW_BINDING_NOT_FOUND");
    }
    Map<String, Object> refs = new LinkedHashMap<>();
    refs.put("arrival_events", f.arrivalEventRef().toJson());
    refs.put("arrival_entities", f.arrivalEntitiesRef() == null ? null : f.arrivalEntitiesRef().toJson());
    refs.put("flow_anchor", f.flowAnchorRef().toJson());
    item.put("context_refs", refs);
    ContextRef anchor = b.sourceEvent();
    item.put("evidence_refs", List.of(
        Map.of("kind", "flow_binding_source_event", "ref", anchor.evidence()),
        Map.of("kind", "join_frame_source_event", "ref", f.source().evidence()),
        Map.of("kind", "join_checkpoint", "ref", "topic=" + anchor.topic() + ";partition=" + anchor.partition()
            + ";offset=" + anchor.offset() + ";offset_kind=" + anchor.offsetKind())));
    return status(item, "READY", "READY");
  }

  static Map<String, Object> frameJson(JoinFrame f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("join_frame_key", f.key().toJson());
    m.put("arrival_event", f.arrivalEvent());
    m.put("arrival_event_ref", f.arrivalEventRef() == null ? null : f.arrivalEventRef().toJson());
    m.put("arrival_entities", f.arrivalEntities());
    m.put("arrival_entities_ref", f.arrivalEntitiesRef() == null ? null : f.arrivalEntitiesRef().toJson());
    m.put("flow_anchor", f.flowAnchor());
    m.put("flow_anchor_ref", f.flowAnchorRef() == null ? null : f.flowAnchorRef().toJson());
    m.put("flow_id", f.flowId());
    m.put("context_complete", f.contextComplete());
    m.put("last_event_type", f.lastEventType());
    m.put("last_event_id", f.lastEventId());
    m.put("event_ts_utc", f.eventTsUtc());
    m.put("source", f.source() == null ? null : f.source().toJson());
    return m;
  }

  private static Map<String, Object> status(Map<String, Object> item, String status, String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("reason_codes", List.of(reason));
    out.putAll(item);
    return out;
  }

  /** The six pins must agree; run_id too when both sides have one. */
  static boolean samePins(Map<String, Object> bound, Map<String, Object> asked) {
    for (String pin : REQUIRED_PINS) {
      if (!String.valueOf(bound.get(pin)).equals(String.valueOf(asked.get(pin)))) {
        return false;
      }
    }
    Object a = bound.get(EnvelopeFields.RUN_ID);
    Object b = asked.get(EnvelopeFields.RUN_ID);
    return a == null || b == null || String.valueOf(a).equals(String.valueOf(b));
  }

  /** PINS_MISSING / PINS_INVALID per the envelope's formats (the validator is the one IG uses). */
  static List<String> pinProblems(Map<String, Object> pins) {
    List<String> out = new ArrayList<>();
    if (REQUIRED_PINS.stream().anyMatch(p -> pins.get(p) == null)) {
      out.add("PINS_MISSING");
    }
    Map<String, Object> probe = new LinkedHashMap<>();
    pins.forEach((k, v) -> {
      if (PIN_FIELDS.contains(k)) {
        probe.put(k, v);
      }
    });
    probe.put(EnvelopeFields.EVENT_ID, "query");
    probe.put(EnvelopeFields.EVENT_TYPE, "query");
    probe.put(EnvelopeFields.TS_UTC, "2000-01-01T00:00:00.000000Z");
    probe.putIfAbsent(EnvelopeFields.MANIFEST_FINGERPRINT, "0".repeat(64));
    boolean invalid = EnvelopeValidator.validate(probe).violations().stream().map(EnvelopeViolation::field)
        .anyMatch(PIN_FIELDS::contains);
    if (invalid) {
      out.add("PINS_INVALID");
    }
    return out;
  }

  /** A flow id as decimal text, or null unless a positive integer (number or decimal string). */
  static String flowId(Object v) {
    BigInteger n = integer(v);
    return n == null || n.signum() <= 0 ? null : n.toString();
  }

  private JoinFrameKey frameKey(Object k, String scenarioRunId) {
    if (!(k instanceof Map<?, ?> m)) {
      return null;
    }
    BigInteger merchant = integer(m.get("merchant_id"));
    BigInteger seq = integer(m.get("arrival_seq"));
    if (merchant == null || merchant.signum() < 0 || seq == null || seq.signum() <= 0 || seq.bitLength() > 63) {
      return null;
    }
    return new JoinFrameKey(platformRunId, scenarioRunId, merchant.toString(), seq.longValueExact());
  }

  private static BigInteger integer(Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof String s && !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 20) {
      return new BigInteger(s);
    }
    return null;
  }

  private Map<String, Object> basis(Map<TopicPartition, Checkpoint> checkpoints) {
    List<Map<String, Object>> list = new ArrayList<>();
    checkpoints.values().stream()
        .sorted(Comparator.comparing((Checkpoint c) -> c.partition().topic()).thenComparing(c -> c.partition().partition()))
        .forEach(c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("topic", c.partition().topic());
          m.put("partition", c.partition().partition());
          m.put("offset", c.offset());
          m.put("offset_kind", c.offsetKind());
          list.add(m);
        });
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("stream_id", groupId);
    basis.put("checkpoints", list);
    basis.put("basis_digest", Hashing.canonicalHash(list));
    return basis;
  }

  private static JsonObject error(String code, boolean retryable, String detail) {
    return new JsonObject().put("status", "ERROR").put("code", code).put("retryable", retryable).put("detail", detail);
  }
}
