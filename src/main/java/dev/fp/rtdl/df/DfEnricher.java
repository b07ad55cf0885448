package dev.fp.rtdl.df;

import dev.fp.contract.Hashing;
import dev.fp.platform.VertxJson;
import dev.fp.platform.query.FeatureQueryClient;
import dev.fp.platform.query.FlowBindingQueryClient;
import dev.fp.platform.query.GraphQueryClient;
import dev.fp.platform.query.PostureQueryClient;
import dev.fp.platform.stream.Enricher;
import dev.fp.platform.stream.core.BatchReads;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.df.core.DecisionContext;
import dev.fp.rtdl.df.core.DecisionCore;
import dev.fp.rtdl.df.core.DecisionEnvelopes;
import dev.fp.rtdl.df.core.DecisionRule;
import dev.fp.rtdl.df.core.RiskPolicy;
import dev.fp.rtdl.df.core.TriggerGate;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.eventlog.OffsetOrder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DF's context acquisition, once per batch (reference rtdl §6 steps 1–4, rtdl_design §2): for the records the ledger
 * has not settled, one DL posture read, then per pin set — in slices small enough that OFP's answer is not refused
 * for naming more than its {@code max_query_keys} — one CSFB {@code resolve_flow_binding} for every flow id, then
 * one OFP {@code get_features} for the flows and the entities their bindings name, of the key types the risk rules
 * read ({@code RiskPolicy.keyTypes}), with the groups the posture allows, and one IEG {@code resolve} of the parties
 * when the posture allows IEG. A component that does not answer is context UNAVAILABLE, never a failed batch: the decision says so.
 * OFP is asked as of the newest source time of the pin set's records (one request per batch, not per record), and
 * only for records it has already applied: the others get {@link DecisionContext.Features#BEHIND} and wait.
 */
final class DfEnricher implements Enricher {
  private final PostureQueryClient posture;
  private final FlowBindingQueryClient bindings;
  private final FeatureQueryClient features;
  private final GraphQueryClient graph;
  private final String platformRunId;
  private final Clock clock;
  private final Duration postureMaxAge;
  private final boolean useIeg;
  private final RiskPolicy risk;
  private final int recordsPerRequest;
  private final long ofpWaitBudgetMs;
  private final List<String> entityKeyTypes;

  DfEnricher(Vertx vertx, String platformRunId, Clock clock, DfConfig cfg, RiskPolicy risk) {
    Duration timeout = Duration.ofMillis(cfg.queryTimeoutMs());
    this.posture = new PostureQueryClient(vertx, platformRunId, timeout);
    this.bindings = new FlowBindingQueryClient(vertx, platformRunId, cfg.queryTimeoutMs());
    this.features = new FeatureQueryClient(vertx, cfg.queryTimeoutMs());
    this.graph = new GraphQueryClient(vertx, platformRunId, cfg.queryTimeoutMs());
    this.platformRunId = platformRunId;
    this.clock = clock;
    this.postureMaxAge = Duration.ofSeconds(cfg.postureMaxAgeSeconds());
    this.useIeg = cfg.useIeg();
    this.risk = risk;
    // a record asks OFP for its flow and at most one entity per key type: stay within OFP's max_query_keys
    this.entityKeyTypes = risk.keyTypes();
    this.recordsPerRequest = Math.max(1, cfg.ofpMaxQueryKeys() / (1 + entityKeyTypes.size()));
    this.ofpWaitBudgetMs = cfg.ofpWaitBudgetMs();
  }

  @Override
  public Future<Map<StreamRecord, Object>> enrich(List<StreamRecord> records, BatchReads reads) {
    List<StreamRecord> undecided = new ArrayList<>();
    for (StreamRecord r : records) {
      if (TriggerGate.refusal(r) == null && reads.get(DfTables.LEDGER, DecisionCore.key(r)) == null) {
        undecided.add(r);
      }
    }
    if (undecided.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    long now = clock.millis();
    Future<JsonObject> servedFuture = posture.current(PostureQueryClient.GLOBAL_SCOPE, clock.instant(), postureMaxAge);
    Future<Map<String, String>> applied = ofpApplied();
    return Future.all(servedFuture, applied).compose(both -> {
      Map<String, Object> servedPosture = plain(servedFuture.result());
      // the served posture alone: what it allows decides what is asked and what waits
      DecisionContext probe = new DecisionContext(now, servedPosture, null, null, null);
      // a posture that allows no core features means OFP is not asked at all: nothing to wait for
      Map<String, String> ofp = probe.allows(DecisionRule.CORE_GROUP) ? applied.result() : null;
      Map<StreamRecord, Object> out = new IdentityHashMap<>();
      Map<Map<String, String>, List<StreamRecord>> byPins = new LinkedHashMap<>();
      for (StreamRecord r : undecided) {
        if (ofp != null && !OffsetOrder.reached(ofp.get(r.topic() + "/" + r.partition()),
            r.offset()) && waitedForOfp(r, reads, now) < ofpWaitBudgetMs) {
          out.put(r, new DecisionContext(now, servedPosture, DecisionContext.Binding.unavailable("OFP_BEHIND"),
              DecisionContext.Features.BEHIND_RESULT, null));
        } else {
          byPins.computeIfAbsent(DecisionEnvelopes.pinScope(DecisionEnvelopes.pins(r)), k -> new ArrayList<>()).add(r);
        }
      }
      List<Future<Map<StreamRecord, Object>>> groups = new ArrayList<>();
      byPins.values().forEach(group -> {
        for (int from = 0; from < group.size(); from += recordsPerRequest) {
          groups.add(enrichGroup(group.subList(from, Math.min(group.size(), from + recordsPerRequest)), probe));
        }
      });
      return Future.all(groups).map(all -> {
        groups.forEach(g -> out.putAll(g.result()));
        return out;
      });
    });
  }

  /** How long {@code r} has waited (the core stores when it first held it); once over the budget it is asked anyway. */
  private static long waitedForOfp(StreamRecord r, BatchReads reads, long now) {
    Long firstSeen = reads.get(DfTables.WAITS, DecisionCore.key(r));
    return firstSeen == null ? 0 : now - firstSeen;
  }

  /**
   * What OFP has applied ({@code "topic/partition"} → committed offset), so records it has not reached yet are not
   * asked about (their answer would lack the flow's own features, and each retry would count as missing keys); null
   * when OFP does not answer — the feature request then says UNAVAILABLE and nothing waits for it.
   */
  private Future<Map<String, String>> ofpApplied() {
    return features.basis(platformRunId).map(answer -> {
      if (!"OK".equals(answer.getString("status")) || answer.getJsonArray("offsets") == null) {
        return (Map<String, String>) null;
      }
      Map<String, String> offsets = new HashMap<>();
      answer.getJsonArray("offsets").forEach(o -> {
        JsonObject m = (JsonObject) o;
        offsets.put(m.getString("topic") + "/" + m.getInteger("partition"), m.getString("offset"));
      });
      return offsets;
    }).otherwise(err -> null);
  }

  private Future<Map<StreamRecord, Object>> enrichGroup(List<StreamRecord> group, DecisionContext probe) {
    Map<String, Object> pins = DecisionEnvelopes.pins(group.get(0));
    return resolveBindings(group, pins).compose(bound -> {
      Future<DecisionContext.Features> f = fetchFeatures(group, pins, bound, probe);
      Future<DecisionContext.Graph> g = useIeg && Boolean.TRUE.equals(probe.mask().get("allow_ieg"))
          ? fetchGraph(bound) : Future.succeededFuture(null);
      return Future.all(f, g).map(v -> {
        Map<StreamRecord, Object> out = new IdentityHashMap<>();
        for (StreamRecord r : group) {
          out.put(r, new DecisionContext(probe.nowEpochMs(), probe.posture(), bindingOf(r, bound), f.result(),
              g.result()));
        }
        return out;
      });
    });
  }

  /** A Vert.x JSON answer as plain Java values (what the pure core reads), unwrapped rather than encoded and parsed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonObject o) {
    return (Map<String, Object>) VertxJson.plain(o);
  }

  // ---- CSFB ---------------------------------------------------------------------------------------------------------

  /** Flow id → binding, one request for the group's flows; CSFB not answering makes every binding UNAVAILABLE. */
  private Future<Map<String, DecisionContext.Binding>> resolveBindings(List<StreamRecord> group,
                                                                       Map<String, Object> pins) {
    Set<Object> flowIds = new LinkedHashSet<>();
    group.forEach(r -> {
      if (r.payload().get("flow_id") != null) {
        flowIds.add(r.payload().get("flow_id"));
      }
    });
    if (flowIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String requestId = "df_ctx_" + Hashing.canonicalHash(new ArrayList<>(flowIds)).substring(0, 16);
    return bindings.resolveFlowBindings(requestId, pins, flowIds).map(answer -> {
      Map<String, DecisionContext.Binding> out = new LinkedHashMap<>();
      JsonArray results = answer.getJsonArray("results");
      if (!"OK".equals(answer.getString("status")) || results == null) {
        String why = "CSFB_" + answer.getString("status", "ERROR") + ":" + answer.getString("code",
            String.valueOf(answer.getValue("reason_codes")));
        flowIds.forEach(id -> out.put(String.valueOf(id), DecisionContext.Binding.unavailable(why)));
        return out;
      }
      for (int i = 0; i < results.size(); i++) {
        Map<String, Object> item = plain(results.getJsonObject(i));
        out.put(String.valueOf(item.get("flow_id")), binding(item));
      }
      return out;
    }).otherwise(err -> {
      Map<String, DecisionContext.Binding> out = new LinkedHashMap<>();
      flowIds.forEach(id -> out.put(String.valueOf(id), DecisionContext.Binding.unavailable("CSFB_UNAVAILABLE")));
      return out;
    });
  }

  @SuppressWarnings("unchecked")
  private static DecisionContext.Binding binding(Map<String, Object> item) {
    List<String> reasons = new ArrayList<>();
    if (item.get("reason_codes") instanceof List<?> l) {
      l.forEach(x -> reasons.add(String.valueOf(x)));
    }
    Map<String, Object> anchor = item.get("join_frame") instanceof Map<?, ?> jf
        && jf.get("flow_anchor") instanceof Map<?, ?> a ? (Map<String, Object>) a : null;
    List<Object> evidence = item.get("evidence_refs") instanceof List<?> e ? List.copyOf(e) : List.of();
    String status = String.valueOf(item.get("status"));
    return new DecisionContext.Binding(status, status.equals(DecisionContext.Binding.READY) ? List.of() : reasons,
        anchor, evidence);
  }

  private static DecisionContext.Binding bindingOf(StreamRecord r, Map<String, DecisionContext.Binding> bound) {
    Object flow = r.payload().get("flow_id");
    if (flow == null) {
      return new DecisionContext.Binding("NO_FLOW_ID", List.of(), null, List.of());
    }
    return bound.getOrDefault(String.valueOf(flow), DecisionContext.Binding.unavailable("CSFB_NO_RESULT"));
  }

  // ---- OFP ----------------------------------------------------------------------------------------------------------

  private Future<DecisionContext.Features> fetchFeatures(List<StreamRecord> group, Map<String, Object> pins,
                                                         Map<String, DecisionContext.Binding> bound,
                                                         DecisionContext posture) {
    if (!posture.allows(DecisionRule.CORE_GROUP)) {
      return Future.succeededFuture(new DecisionContext.Features("BLOCKED", null, null));
    }
    boolean entities = posture.allows(risk.featureCapability());
    Set<String> keys = new LinkedHashSet<>();
    String asOf = null;
    for (StreamRecord r : group) {
      keys.add(DecisionRule.flowKey(r));
      asOf = asOf == null || r.tsUtc().compareTo(asOf) > 0 ? r.tsUtc() : asOf;
    }
    if (entities) {
      for (DecisionContext.Binding b : bound.values()) {
        if (b.ready()) {
          for (String type : entityKeyTypes) {
            if (b.flowAnchor().get(type) != null) {
              keys.add(type + ":" + b.flowAnchor().get(type));
            }
          }
        }
      }
    }
    JsonArray featureKeys = new JsonArray();
    keys.forEach(k -> {
      int colon = k.indexOf(':');
      featureKeys.add(new JsonObject().put("key_type", k.substring(0, colon)).put("key_id", k.substring(colon + 1)));
    });
    JsonArray groups = new JsonArray().add(new JsonObject().put("name", DecisionRule.CORE_GROUP).put("version", "v1"));
    if (entities) {
      risk.groups().forEach(g -> groups.add(new JsonObject().put("name", g).put("version", risk.featureGroupVersion())));
    }
    JsonObject request = new JsonObject()
        .put("request_id", "df_ofp_" + Hashing.canonicalHash(new ArrayList<>(keys)).substring(0, 16))
        .put("pins", new JsonObject(new LinkedHashMap<>(pins))).put("as_of_time_utc", asOf)
        .put("feature_keys", featureKeys).put("feature_groups", groups);
    return features.getFeatures(platformRunId, request).map(answer -> "OK".equals(answer.getString("status"))
            && answer.getJsonObject("snapshot") != null
            ? new DecisionContext.Features(DecisionContext.Features.OK, null,
            plain(answer.getJsonObject("snapshot")))
            : new DecisionContext.Features("ERROR", answer.getString("code", "NO_SNAPSHOT"), null))
        .otherwise(err -> new DecisionContext.Features("UNAVAILABLE", null, null));
  }

  // ---- IEG ----------------------------------------------------------------------------------------------------------

  private Future<DecisionContext.Graph> fetchGraph(Map<String, DecisionContext.Binding> bound) {
    Set<String> parties = new LinkedHashSet<>();
    bound.values().forEach(b -> {
      if (b.ready() && b.flowAnchor().get("party_id") != null) {
        parties.add(String.valueOf(b.flowAnchor().get("party_id")));
      }
    });
    if (parties.isEmpty()) {
      return Future.succeededFuture(null);
    }
    List<Map<String, String>> ids = new ArrayList<>();
    parties.forEach(p -> ids.add(Map.of("identifier_type", "party_id", "identifier_value", p)));
    return graph.resolve(ids).map(answer -> "OK".equals(answer.getString("status"))
            && answer.getString("graph_version_hex32") != null
            ? new DecisionContext.Graph(answer.getString("graph_version_hex32"), answer.getString("graph_version"))
            : null)
        .otherwise(err -> null);
  }
}
