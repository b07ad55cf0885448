package dev.fp.rtdl.df;

import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.platform.query.FeatureQueryClient;
import dev.fp.platform.query.FlowBindingQueryClient;
import dev.fp.platform.query.PostureQueryClient;
import dev.fp.platform.stream.core.BatchReads;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.df.core.DecisionContext;
import dev.fp.rtdl.df.core.DecisionCore;
import dev.fp.rtdl.df.core.RiskPolicy;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.state.Table;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DF's context acquisition against the event-bus contracts of the Degrade Ladder, CSFB and OFP (answered here by
 * stand-ins that record what they were asked): records OFP has not applied are not asked about and wait (BEHIND)
 * until their OFP wait budget is spent; only the entity key types the risk rules read are asked for.
 */
class DfEnricherTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  static final long NOW = Instant.parse("2026-12-07T09:00:00Z").toEpochMilli();
  final Vertx vertx = Vertx.vertx();
  final List<JsonObject> featureRequests = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** DL and CSFB stand-ins; OFP's too unless {@code ofpApplied} is null. */
  void standIns(String ofpApplied) {
    standIns(ofpApplied, true);
  }

  /** As above; without {@code postureStored} the ladder has no posture (DF fails closed: no feature is allowed). */
  void standIns(String ofpApplied, boolean postureStored) {
    String run = DfSamples.RUN;
    JsonObject mask = new JsonObject().put("allow_ieg", false)
        .put("allowed_feature_groups", new JsonArray(List.of("core_features", "velocity")))
        .put("allow_model_primary", true).put("allow_model_stage2", false).put("allow_fallback_heuristics", true)
        .put("action_posture", "NORMAL");
    JsonObject posture = new JsonObject().put("mode", "NORMAL").put("capabilities_mask", mask).put("posture_seq", 1)
        .put("decided_at_utc", Timestamps.format(Instant.ofEpochMilli(NOW)));
    vertx.eventBus().<JsonObject>consumer(PostureQueryClient.address(run),
        m -> m.reply(postureStored ? new JsonObject().put("status", "OK").put("posture", posture)
            : new JsonObject().put("status", "MISSING")));
    vertx.eventBus().<JsonObject>consumer(FlowBindingQueryClient.address(run), m -> {
      JsonArray results = new JsonArray();
      m.body().getJsonArray("flow_ids").forEach(id -> results.add(new JsonObject().put("flow_id", id)
          .put("status", "READY").put("join_frame", new JsonObject().put("flow_anchor", new JsonObject()
              .put("flow_id", id).put("party_id", 7).put("account_id", 8).put("merchant_id", 13)))));
      m.reply(new JsonObject().put("status", "OK").put("results", results));
    });
    if (ofpApplied == null) {
      return;
    }
    vertx.eventBus().<JsonObject>consumer(FeatureQueryClient.basisAddress(run), m -> m.reply(new JsonObject()
        .put("status", "OK").put("offsets", new JsonArray().add(new JsonObject().put("topic", TOPIC)
            .put("partition", 0).put("offset", ofpApplied)))));
    vertx.eventBus().<JsonObject>consumer(FeatureQueryClient.address(run), m -> {
      featureRequests.add(m.body());
      m.reply(new JsonObject().put("status", "OK").put("snapshot", new JsonObject().put("features", new JsonObject())));
    });
  }

  DfEnricher enricher() throws Exception {
    DfConfig cfg = DfConfig.from(new ConfigNode("components.df", Json.toTree(Map.of("ofp_wait_budget_ms", 60_000)),
        new EnvTokens(Map.of())));
    RiskPolicy risk = RiskPolicy.parse(Json.readYamlObject(Files.readAllBytes(Path.of("conf/df/risk_policy.yaml"))));
    return new DfEnricher(vertx, DfSamples.RUN, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), cfg, risk);
  }

  static StreamRecord record(int offset) {
    return new StreamRecord(TOPIC, 0, String.valueOf(offset), "file_line", "",
        DfSamples.traffic(offset + 1, 100 + offset, 10.0));
  }

  /** No ledger rows; record 3 has waited since 61 s ago (over the 60 s budget). */
  static final BatchReads READS = new BatchReads() {
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(Table<K, V> table, K key) {
      if (table.name().equals(DfTables.WAITS.name()) && key.equals(DecisionCore.key(record(3)))) {
        return (V) Long.valueOf(NOW - 61_000);
      }
      return null;
    }
  };

  @Test
  @SuppressWarnings("unchecked")
  void shouldAskOfpOnlyAboutRecordsItAppliedOrWhoseWaitIsSpentAndOnlyForTheRulesKeyTypes() throws Exception {
    standIns("1");
    List<StreamRecord> batch = List.of(record(0), record(1), record(2), record(3));
    Map<StreamRecord, Object> attached = enricher().enrich(batch, READS).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    assertThat(((DecisionContext) attached.get(batch.get(2))).features())
        .isSameAs(DecisionContext.Features.BEHIND_RESULT);
    for (int i : new int[] {0, 1, 3}) {
      assertThat(((DecisionContext) attached.get(batch.get(i))).features().status()).isEqualTo("OK");
    }
    assertThat(featureRequests).hasSize(1);
    List<String> keys = featureRequests.get(0).getJsonArray("feature_keys").stream()
        .map(k -> ((JsonObject) k).getString("key_type") + ":" + ((JsonObject) k).getString("key_id")).toList();
    // flows 100, 101 (applied) and 103 (budget spent), not 102; the party and merchant (the rules read them), never
    // the account (no rule reads account features: it would come back missing every time)
    assertThat(keys).containsExactlyInAnyOrder("flow_id:100", "flow_id:101", "flow_id:103", "party_id:7",
        "merchant_id:13");
  }

  @Test
  void shouldNotWaitForOfpWhenThePostureAllowsNoFeatures() throws Exception {
    standIns("1", false);   // OFP has applied offset 1 only; the ladder has no posture: FAIL_CLOSED
    Map<StreamRecord, Object> attached = enricher().enrich(List.of(record(2)), READS).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(((DecisionContext) attached.values().iterator().next()).features().status()).isEqualTo("BLOCKED");
    assertThat(featureRequests).isEmpty();
  }

  @Test
  void shouldNotWaitForAnOfpThatDoesNotAnswer() throws Exception {
    standIns(null);   // no OFP: its basis is unreachable, so nothing is BEHIND; the feature request fails too
    Map<StreamRecord, Object> attached = enricher().enrich(List.of(record(5)), READS).toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(((DecisionContext) attached.values().iterator().next()).features().status()).isEqualTo("UNAVAILABLE");
  }
}
