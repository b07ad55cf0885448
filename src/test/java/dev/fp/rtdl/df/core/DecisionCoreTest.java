package dev.fp.rtdl.df.core;

import dev.fp.contract.Json;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.df.DfSamples;
import dev.fp.rtdl.df.store.DfTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DF's core under the driver, with the shipped registry snapshot and risk policy: ids against vectors computed
 * independently (Python, canonical JSON), the rule table with the posture clamp, the risk rules, the join-wait hold and
 * its budget, the trigger gate, and replay after a crash re-publishing the stored decision.
 */
class DecisionCoreTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  static final long BUDGET_MS = 2000;
  static final long OFP_BUDGET_MS = 60_000;
  final AtomicReference<DecisionContext> context = new AtomicReference<>();
  final List<DecisionPublish> published = new ArrayList<>();
  final ProcessorDriver<DecisionPublish> driver = new ProcessorDriver<>(core(), DfSamples.RUN)
      .withCounterNames(DfCounters.ALL).withStoreBeforeEffects()
      .withEnrichment((records, reads) -> {
        Map<StreamRecord, Object> out = new IdentityHashMap<>();
        records.forEach(r -> {                        // as DfEnricher: context only for what the ledger has not settled
          if (TriggerGate.refusal(r) == null && reads.get(DfTables.LEDGER, DecisionCore.key(r)) == null) {
            out.put(r, context.get());
          }
        });
        return out;
      })
      .withEffects((effects, batch) -> published.addAll(effects));

  static DecisionCore core() {
    try {
      RegistrySnapshot registry = RegistrySnapshot.parse(Json.readYamlObject(
          Files.readAllBytes(Path.of("conf/df/registry_snapshot.yaml"))));
      RiskPolicy risk = RiskPolicy.parse(Json.readYamlObject(Files.readAllBytes(Path.of("conf/df/risk_policy.yaml"))));
      return new DecisionCore(new DecisionRule(registry, risk), "e".repeat(64), BUDGET_MS, OFP_BUDGET_MS, 200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- contexts ----------------------------------------------------------------------------------------------------

  static Map<String, Object> posture(String mode, String actionPosture, List<String> groups) {
    Map<String, Object> mask = new LinkedHashMap<>();
    mask.put("allow_ieg", false);
    mask.put("allowed_feature_groups", groups);
    mask.put("allow_model_primary", true);
    mask.put("allow_model_stage2", false);
    mask.put("allow_fallback_heuristics", true);
    mask.put("action_posture", actionPosture);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", mode);
    p.put("capabilities_mask", mask);
    p.put("posture_seq", 3);
    p.put("decided_at_utc", "2026-12-06T12:00:00.000000Z");
    return Map.of("source", "CURRENT_POSTURE", "trust", "TRUSTED", "posture", p);
  }

  static final Map<String, Object> NORMAL = posture("NORMAL", "NORMAL",
      List.of("core_features", "velocity", "entity_graph"));
  static final Map<String, Object> DEGRADED_1 = posture("DEGRADED_1", "STEP_UP_ONLY",
      List.of("core_features", "velocity"));
  static final Map<String, Object> FAIL_CLOSED = Map.of("source", "FAILSAFE_UNREACHABLE", "trust", "UNTRUSTED",
      "posture", Map.of("mode", "FAIL_CLOSED", "capabilities_mask", Map.of("allow_ieg", false,
          "allowed_feature_groups", List.of(), "allow_model_primary", false, "allow_model_stage2", false,
          "allow_fallback_heuristics", true, "action_posture", "STEP_UP_ONLY")));

  static DecisionContext.Binding ready() {
    return new DecisionContext.Binding("READY", List.of(), Map.of("flow_id", 101, "party_id", 7, "account_id", 8,
        "instrument_id", 9, "device_id", 11, "ip_id", 12, "merchant_id", 13), List.of());
  }

  /** A snapshot with flow 101's core features and the given entity features by key. */
  static DecisionContext.Features snapshot(Map<String, Object> entities) {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("flow_id:101", Map.of("core_features", Map.of("event_count", 1, "amount_sum", 50.0)));
    features.putAll(entities);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("feature_groups", List.of(Map.of("name", "core_features", "version", "v1"),
        Map.of("name", "party_features", "version", "v1")));
    s.put("features", features);
    s.put("snapshot_hash", "a".repeat(64));
    s.put("eb_offset_basis", Map.of("stream", "multi", "basis_digest", "b".repeat(64)));
    return new DecisionContext.Features("OK", null, s);
  }

  static DecisionContext ctx(long now, Map<String, Object> posture, DecisionContext.Binding b,
                             DecisionContext.Features f) {
    return new DecisionContext(now, posture, b, f, null);
  }

  BatchState<DecisionPublish> feed(Map<String, Object> envelope) {
    return driver.feedEnvelopes(TOPIC, 0, List.of(envelope));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payload(Map<String, Object> envelope) {
    return (Map<String, Object>) envelope.get("payload");
  }

  @SuppressWarnings("unchecked")
  String lastAction() {
    return (String) ((Map<String, Object>) payload(published.get(published.size() - 1).row().decision())
        .get("decision")).get("action_kind");
  }

  @SuppressWarnings("unchecked")
  List<String> lastReasons() {
    return (List<String>) payload(published.get(published.size() - 1).row().decision()).get("reason_codes");
  }

  // ---- tests -------------------------------------------------------------------------------------------------------

  @Test
  void shouldDeriveTheReferenceIdsFromTheSourceEventItsOffsetAndTheBundle() {
    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of())));
    feed(DfSamples.traffic(1, 101, 50.0));

    DfTables.DecisionRow row = published.get(0).row();
    Map<String, Object> decision = row.decision();
    Map<String, Object> intent = row.intents().get(0);
    assertThat(DfSamples.eventId(1)).isEqualTo("fb591efc67974858eee55cc08e22af14ceb58690efc063e8d32d7bae22f3967d");
    assertThat(row.decisionId()).isEqualTo("8a74ce92789db14efde7ff6125b91bd3");
    assertThat(decision.get("event_id")).isEqualTo("7ec45913d795e37194f3681ca252ef184600f49f2860ab838ef8120ee7d36f6b");
    assertThat(intent.get("event_id")).isEqualTo("df4672da23276362ddea734c9e1a716ec57e0ec9b44491a21c1143ec0cd2828f");
    assertThat(payload(intent)).containsEntry("idempotency_key",
            "a2448107228bce7589624346719312697f06452246b1b0ebff7a82ca231736c9")
        .containsEntry("action_id", "2b78d7ec857020b711eff6feba650401")
        .containsEntry("decision_id", "8a74ce92789db14efde7ff6125b91bd3")
        .containsEntry("requested_at_utc", "2026-01-01T00:00:01.000000Z")
        .containsEntry("actor_principal", "SYSTEM::decision_fabric").containsEntry("origin", "DF");
    assertThat(decision).containsEntry("event_type", "decision_response").containsEntry("ts_utc",
        "2026-01-01T00:00:01.000000Z").containsEntry("parent_event_id", DfSamples.eventId(1));
    assertThat(payload(decision)).containsEntry("decided_at_utc", "2026-01-01T00:00:01.000000Z")
        .containsEntry("snapshot_hash", "a".repeat(64)).containsEntry("snapshot_ref", "ofp://snapshot/" + "a".repeat(64));
    assertThat(row.actionKind()).isEqualTo("ALLOW");
    assertThat(row.status()).isEqualTo("PENDING");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED");
  }

  @Test
  void shouldQueueForReviewWhenThePostureFailsClosedWithTheZeroBundleId() {
    context.set(ctx(0, FAIL_CLOSED, ready(), new DecisionContext.Features("BLOCKED", null, null)));
    feed(DfSamples.traffic(1, 101, 50.0));

    assertThat(published.get(0).row().decisionId()).isEqualTo("13ec881807b9c745e59d995f4b889852");
    assertThat(lastAction()).isEqualTo("QUEUE_REVIEW");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_INCOMPATIBLE",
        "CAPABILITY_BLOCK:feature_group=core_features", "CONTEXT_STATUS:CONTEXT_BLOCKED",
        "FAIL_CLOSED_NO_COMPATIBLE_BUNDLE", "FEATURE_GROUP_MISSING:core_features", "REGISTRY_FAIL_CLOSED");
    assertThat(driver.counters().get(DfCounters.FAIL_CLOSED)).isEqualTo(1);
    assertThat(driver.counters().get(DfCounters.RESOLVER_FAILURES)).isEqualTo(1);
    assertThat(driver.counters().get("mode::FAIL_CLOSED")).isEqualTo(1);
  }

  @Test
  void shouldFollowTheReferenceRuleTable() {
    context.set(ctx(0, NORMAL, ready(), new DecisionContext.Features("UNAVAILABLE", null, null)));
    feed(DfSamples.traffic(1, 101, 50.0));
    assertThat(lastAction()).as("OFP unreachable: no snapshot, registry fails closed").isEqualTo("QUEUE_REVIEW");
    assertThat(lastReasons()).contains("OFP_UNAVAILABLE", "CONTEXT_STATUS:CONTEXT_UNAVAILABLE");

    context.set(ctx(0, NORMAL, ready(), new DecisionContext.Features("OK", null, Map.of("feature_groups",
        List.of(Map.of("name", "core_features", "version", "v1")), "features", Map.of(), "snapshot_hash",
        "c".repeat(64)))));
    feed(DfSamples.traffic(2, 101, 50.0));
    assertThat(lastAction()).as("snapshot without the flow's features").isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "CONTEXT_STATUS:CONTEXT_MISSING",
        "OFP_MISSING_FEATURE:flow_id");

    context.set(ctx(0, DEGRADED_1, ready(), snapshot(Map.of())));
    feed(DfSamples.traffic(3, 101, 50.0));
    assertThat(lastAction()).as("DEGRADED_1 clamps ALLOW").isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTION_POSTURE_CLAMPED:STEP_UP_ONLY", "ACTIVE_BUNDLE_RESOLVED");

    context.set(ctx(0, NORMAL, DecisionContext.Binding.unavailable("CSFB_UNAVAILABLE"), snapshot(Map.of())));
    feed(DfSamples.traffic(4, 101, 50.0));
    assertThat(lastAction()).as("no binding: the entities are unknown").isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "CONTEXT_STATUS:CONTEXT_UNAVAILABLE",
        "CSFB_UNAVAILABLE", "FLOW_BINDING:UNAVAILABLE");

    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of())));
    feed(DfSamples.traffic(5, 101, 50.0));
    assertThat(lastAction()).isEqualTo("ALLOW");
    assertThat(driver.counters().get(DfCounters.DECISIONS)).isEqualTo(5);
    assertThat(driver.counters().get(DfCounters.ALLOW)).isEqualTo(1);
    assertThat(driver.counters().get(DfCounters.STEP_UP)).isEqualTo(3);
    assertThat(driver.counters().get(DfCounters.QUEUE_REVIEW)).isEqualTo(1);
  }

  @Test
  void shouldRaiseTheActionWhenTheRiskRulesFireOnTheEntitiesFeatures() {
    Map<String, Object> party = Map.of("party_id:7", Map.of("party_features", Map.of("count_24h", 5,
        "amount_mean_24h", 10.0, "count_7d", 5)));
    context.set(ctx(0, NORMAL, ready(), snapshot(party)));
    feed(DfSamples.traffic(1, 101, 50.0));
    assertThat(lastAction()).isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_AMOUNT_OVER_PARTY_MEAN_24H");

    feed(DfSamples.traffic(2, 101, 150.0));
    assertThat(lastAction()).isEqualTo("QUEUE_REVIEW");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_AMOUNT_FAR_OVER_PARTY_MEAN_24H",
        "RISK_AMOUNT_OVER_PARTY_MEAN_24H");

    Map<String, Object> entities = new LinkedHashMap<>();
    entities.put("party_id:7", Map.of("party_features", Map.of("count_24h", 5, "amount_mean_24h", 40.0,
        "count_7d", 5)));
    entities.put("instrument_id:9", Map.of("instrument_features", Map.of("count_1h", 5)));
    entities.put("device_id:11", Map.of("device_features", Map.of("count_7d", 1, "distinct_party_id_24h", 1)));
    context.set(ctx(0, NORMAL, ready(), snapshot(entities)));
    feed(DfSamples.traffic(3, 101, 50.0));
    assertThat(lastAction()).isEqualTo("STEP_UP");
    assertThat(lastReasons()).as("a device seen once is no rule: r1's RISK_NEW_DEVICE_FOR_PARTY escalated only legit "
        + "flows (docs/DECISION_QUALITY.md)").containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_INSTRUMENT_VELOCITY_1H");

    context.set(ctx(0, posture("DEGRADED_2", "STEP_UP_ONLY", List.of("core_features")), ready(),
        snapshot(party)));
    feed(DfSamples.traffic(4, 101, 150.0));
    assertThat(lastReasons()).as("DEGRADED_2 does not allow the entity features").containsExactly(
        "ACTION_POSTURE_CLAMPED:STEP_UP_ONLY", "ACTIVE_BUNDLE_RESOLVED");
    assertThat(driver.counters().get(DfCounters.RISK_ESCALATIONS)).isEqualTo(3);
  }

  @Test
  void shouldCompareTheAmountWithWhatTheMerchantsOtherCustomersPaidThisWeek() {
    Map<String, Object> merchant = Map.of("merchant_id:13", Map.of("merchant_features", Map.of("count_7d", 10,
        "amount_mean_7d", 100.0)));
    context.set(ctx(0, NORMAL, ready(), snapshot(merchant)));
    feed(DfSamples.traffic(1, 101, 150.0));
    assertThat(lastAction()).isEqualTo("ALLOW");

    feed(DfSamples.traffic(2, 101, 300.0));
    assertThat(lastAction()).isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_AMOUNT_OVER_MERCHANT_MEAN_7D");

    feed(DfSamples.traffic(3, 101, 450.0));
    assertThat(lastAction()).isEqualTo("QUEUE_REVIEW");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_AMOUNT_FAR_OVER_MERCHANT_MEAN_7D",
        "RISK_AMOUNT_OVER_MERCHANT_MEAN_7D");

    feed(DfSamples.traffic(4, 101, 5.0));
    assertThat(lastAction()).as("a probe at a fraction of the merchant's usual amount").isEqualTo("QUEUE_REVIEW");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "RISK_MICRO_AMOUNT_FOR_MERCHANT_7D");

    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of("merchant_id:13", Map.of("merchant_features",
        Map.of("count_7d", 2, "amount_mean_7d", 100.0))))));
    feed(DfSamples.traffic(5, 101, 5.0));
    assertThat(lastAction()).as("two flows this week are no mean to compare with").isEqualTo("ALLOW");
  }

  @Test
  void shouldHoldARecordWithoutBindingUntilTheJoinWaitBudgetThenDecideWithMissingContext() {
    DecisionContext.Binding missing = new DecisionContext.Binding("MISSING_BINDING", List.of("FLOW_BINDING_NOT_FOUND"),
        null, List.of());
    DfTables.SourceKey key = new DfTables.SourceKey(DfSamples.RUN, DfSamples.FRAUD_TYPE, DfSamples.eventId(1));
    context.set(ctx(1_000, NORMAL, missing, snapshot(Map.of())));
    BatchState<DecisionPublish> first = feed(DfSamples.traffic(1, 101, 50.0));
    assertThat(published).isEmpty();
    assertThat(driver.checkpoint(TOPIC, 0)).isNull();
    assertThat(driver.get(DfTables.WAITS, key)).isEqualTo(1_000L);
    assertThat(first.effects()).isEmpty();

    // the record is read again (same offset): still waiting at 2.5 s, the first-seen time is kept
    context.set(ctx(2_500, NORMAL, missing, snapshot(Map.of())));
    driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z")));
    assertThat(published).isEmpty();
    assertThat(driver.get(DfTables.WAITS, key)).isEqualTo(1_000L);

    context.set(ctx(3_000, NORMAL, missing, snapshot(Map.of())));
    driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z")));
    assertThat(lastAction()).isEqualTo("STEP_UP");
    assertThat(lastReasons()).containsExactly("ACTIVE_BUNDLE_RESOLVED", "CONTEXT_STATUS:CONTEXT_MISSING",
        "FLOW_BINDING:MISSING_BINDING", "FLOW_BINDING_NOT_FOUND", "JOIN_WAIT_EXCEEDED");
    assertThat(driver.checkpoint(TOPIC, 0)).isEqualTo("0");
    assertThat(driver.get(DfTables.WAITS, key)).isNull();
    assertThat(driver.counters().get(DfCounters.JOIN_WAIT_HOLDS)).isEqualTo(2);
    assertThat(driver.counters().get(DfCounters.JOIN_WAIT_EXPIRED)).isEqualTo(1);
  }

  @Test
  void shouldWaitForOfpToApplyTheRecordLongerThanTheJoinWaitBudgetThenDecideWithItsFeatures() {
    DfTables.SourceKey key = new DfTables.SourceKey(DfSamples.RUN, DfSamples.FRAUD_TYPE, DfSamples.eventId(1));
    DecisionContext.Binding behind = DecisionContext.Binding.unavailable("OFP_BEHIND");
    context.set(ctx(1_000, NORMAL, behind, DecisionContext.Features.BEHIND_RESULT));
    feed(DfSamples.traffic(1, 101, 50.0));
    // 30 s later OFP still has not applied it: well past the 2 s join-wait budget, within the OFP wait budget
    context.set(ctx(31_000, NORMAL, behind, DecisionContext.Features.BEHIND_RESULT));
    driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z")));
    assertThat(published).isEmpty();
    assertThat(driver.checkpoint(TOPIC, 0)).isNull();
    assertThat(driver.get(DfTables.WAITS, key)).isEqualTo(1_000L);

    // OFP caught up: the enricher asked, the snapshot has the flow's own features
    context.set(ctx(32_000, NORMAL, ready(), snapshot(Map.of())));
    driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z")));
    assertThat(lastReasons()).doesNotContain("JOIN_WAIT_EXCEEDED").noneMatch(r -> r.contains("MISSING"));
    assertThat(driver.checkpoint(TOPIC, 0)).isEqualTo("0");
    assertThat(driver.get(DfTables.WAITS, key)).isNull();
    assertThat(driver.counters().get(DfCounters.OFP_WAIT_HOLDS)).isEqualTo(2);
    assertThat(driver.counters().get(DfCounters.OFP_WAIT_EXPIRED)).isZero();
    assertThat(driver.counters().get(DfCounters.JOIN_WAIT_HOLDS)).isZero();
  }

  @Test
  void shouldDecideWithoutTheFlowsFeaturesOnceTheOfpWaitBudgetIsSpent() {
    // the enricher asks OFP anyway once the budget is spent; its basis still does not cover the record
    Map<String, Object> stale = new LinkedHashMap<>(snapshot(Map.of()).snapshot());
    stale.put("features", Map.of());
    stale.put("eb_offset_basis", Map.of("offsets", List.of(Map.of("topic", TOPIC, "partition", 1, "offset", "7"))));
    context.set(ctx(1_000, NORMAL, DecisionContext.Binding.unavailable("OFP_BEHIND"),
        DecisionContext.Features.BEHIND_RESULT));
    feed(DfSamples.traffic(1, 101, 50.0));
    context.set(ctx(1_000 + OFP_BUDGET_MS, NORMAL, ready(), new DecisionContext.Features("OK", null, stale)));
    driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z")));
    assertThat(published).hasSize(1);
    assertThat(lastReasons()).contains("OFP_MISSING_FEATURE:flow_id");
    assertThat(driver.counters().get(DfCounters.OFP_WAIT_HOLDS)).isEqualTo(1);
    assertThat(driver.counters().get(DfCounters.OFP_WAIT_EXPIRED)).isEqualTo(1);
  }

  @Test
  void shouldRepublishTheStoredDecisionWhenTheBatchIsDeliveredAgainAfterACrash() {
    ProcessorDriver<DecisionPublish> d = new ProcessorDriver<>(core(), DfSamples.RUN)
        .withCounterNames(DfCounters.ALL).withStoreBeforeEffects()
        .withEnrichment((records, reads) -> {
          Map<StreamRecord, Object> out = new IdentityHashMap<>();
          records.forEach(r -> {                        // as DfEnricher: context only for what the ledger has not settled
          if (TriggerGate.refusal(r) == null && reads.get(DfTables.LEDGER, DecisionCore.key(r)) == null) {
            out.put(r, context.get());
          }
        });
          return out;
        });
    dev.fp.substrate.eventlog.LogRecord rec = new dev.fp.substrate.eventlog.LogRecord(TOPIC, 0, "0", "k",
        dev.fp.contract.CanonicalJson.write(DfSamples.traffic(1, 101, 50.0)), "2026-01-01T00:00:00.000000Z");
    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of())));
    d.withEffects((effects, batch) -> {
      throw new IllegalStateException("crash after IG answered");
    });
    assertThatThrownBy(() -> d.feed(List.of(rec))).hasMessageContaining("crash");
    DfTables.SourceKey key = new DfTables.SourceKey(DfSamples.RUN, DfSamples.FRAUD_TYPE, DfSamples.eventId(1));
    assertThat(d.get(DfTables.LEDGER, key).status()).isEqualTo("PENDING");
    assertThat(d.checkpoint(TOPIC, 0)).isNull();
    assertThat(d.counters().get(DfCounters.DECISIONS)).isZero();

    // re-delivered with another posture: the stored ALLOW goes out again, not a new decision
    context.set(ctx(0, FAIL_CLOSED, ready(), new DecisionContext.Features("BLOCKED", null, null)));
    List<DecisionPublish> again = new ArrayList<>();
    d.withEffects((effects, batch) -> {
      again.addAll(effects);
      effects.forEach(e -> batch.put(DfTables.LEDGER, e.key(), e.row().published("DUPLICATE", "ADMIT", List.of())));
    });
    d.feed(List.of(rec));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).row().decisionId()).isEqualTo("8a74ce92789db14efde7ff6125b91bd3");
    assertThat(again.get(0).row().actionKind()).isEqualTo("ALLOW");
    assertThat(d.get(DfTables.LEDGER, key).status()).isEqualTo("PUBLISHED");
    assertThat(d.checkpoint(TOPIC, 0)).isEqualTo("0");
    assertThat(d.counters().get(DfCounters.DECISIONS)).isEqualTo(1);
    assertThat(d.counters().get(DfCounters.ALLOW)).isEqualTo(1);
    assertThat(d.counters().get(DfCounters.REPUBLISHED)).isEqualTo(1);

    // the same traffic event again later on the log: already published, nothing emitted; another payload: a mismatch
    again.clear();
    d.feedEnvelopes(TOPIC, 0, List.of(DfSamples.traffic(1, 101, 50.0)));
    assertThat(again).isEmpty();
    assertThat(d.counters().get(DfCounters.SOURCE_DUPLICATE)).isEqualTo(1);
    d.feedEnvelopes(TOPIC, 0, List.of(DfSamples.traffic(1, 101, 99.0)));
    assertThat(again).isEmpty();
    assertThat(d.counters().get(DfCounters.SOURCE_MISMATCH)).isEqualTo(1);
    assertThat(d.rows(DfTables.FAILURES)).extracting(r -> r.getValue().reasonCode())
        .containsExactly("PAYLOAD_HASH_MISMATCH");
  }

  @Test
  void shouldDecideOnceWhenTheSameTrafficEventComesTwiceInOneBatch() {
    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of())));
    driver.feedEnvelopes(TOPIC, 0, List.of(DfSamples.traffic(1, 101, 50.0), DfSamples.traffic(1, 101, 50.0)));

    assertThat(published).hasSize(1);
    assertThat(driver.counters().get(DfCounters.DECISIONS)).isEqualTo(1);
    assertThat(driver.counters().get(DfCounters.SOURCE_DUPLICATE)).isEqualTo(1);
    assertThat(driver.checkpoint(TOPIC, 0)).isEqualTo("1");
  }

  @Test
  void shouldNeverDecideOnRtdlOrUnlistedEventTypes() {
    context.set(ctx(0, NORMAL, ready(), snapshot(Map.of())));
    Map<String, Object> loop = new LinkedHashMap<>(DfSamples.traffic(1, 101, 50.0));
    loop.put("event_type", "decision_response");
    Map<String, Object> other = new LinkedHashMap<>(DfSamples.traffic(2, 101, 50.0));
    other.put("event_type", "arrival_events_5B");
    Map<String, Object> noPin = new LinkedHashMap<>(DfSamples.traffic(3, 101, 50.0));
    noPin.remove("scenario_run_id");
    driver.feedEnvelopes(TOPIC, 0, List.of(loop, other, noPin));

    assertThat(published).isEmpty();
    assertThat(driver.counters().get(DfCounters.TRIGGER_REJECTED)).isEqualTo(3);
    assertThat(driver.rows(DfTables.FAILURES)).extracting(r -> r.getValue().reasonCode())
        .containsExactly("LOOP_PREVENTION", "EVENT_TYPE_NOT_ALLOWED", "REQUIRED_PIN_MISSING:scenario_run_id");
    assertThat(driver.checkpoint(TOPIC, 0)).isEqualTo("2");
  }
}
