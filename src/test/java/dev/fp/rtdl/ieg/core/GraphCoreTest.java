package dev.fp.rtdl.ieg.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ieg.store.DedupeEntry;
import dev.fp.rtdl.ieg.store.DedupeKey;
import dev.fp.rtdl.ieg.store.EdgeKey;
import dev.fp.rtdl.ieg.store.EdgeRecord;
import dev.fp.rtdl.ieg.store.EntityKey;
import dev.fp.rtdl.ieg.store.EntityRecord;
import dev.fp.rtdl.ieg.store.FailureKey;
import dev.fp.rtdl.ieg.store.FailureRecord;
import dev.fp.rtdl.ieg.store.GraphTables;
import dev.fp.rtdl.ieg.store.IdentifierKey;
import dev.fp.rtdl.ieg.store.IdentifierRecord;
import dev.fp.substrate.eventlog.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.rtdl.ieg.core.GraphSamples.arrivalEntities;
import static dev.fp.rtdl.ieg.core.GraphSamples.envelope;
import static dev.fp.rtdl.ieg.core.GraphSamples.flowAnchor;
import static dev.fp.rtdl.ieg.core.GraphSamples.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/** IEG's core under the synchronous driver: checks, dedupe, entities, identifiers, edges, counters. */
class GraphCoreTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String OTHER_RUN = "platform_20260101T000001Z";
  static final String ENTITIES_TOPIC = "fp.bus.context.arrival_entities.v1";
  static final String ANCHORS_TOPIC = "fp.bus.context.flow_anchor.fraud.v1";
  static final String TRAFFIC_TOPIC = "fp.bus.traffic.fraud.v1";
  static final String T1 = "2026-01-01T00:00:01.000000Z";
  static final String T2 = "2026-01-01T00:00:02.000000Z";
  static final String T3 = "2026-01-01T00:00:03.000000Z";
  /** sha256("party:party_id:17:" + scope) of the reference recipe, scope = the sample's seven pins joined by "|". */
  static final String PARTY_17 = "b238a5fdaf4c6935c97206cceec7b9ae089b39ba6e06fe8b513557c19987e8d1";

  final ProcessorDriver<Void> driver = new ProcessorDriver<>(new GraphCore(), RUN)
      .withCounterNames(GraphCounters.ALL);

  long counter(String name) {
    return driver.counters().get(name);
  }

  @Test
  void shouldResolveAnEntityIdByTheReferenceRecipe() {
    Map<String, Object> env = arrivalEntities(RUN, "e1", T1, 17, 1);

    assertThat(EntityIds.entityId(new IdentityHint("party_id", "17", "party"), EntityIds.scope(env)))
        .isEqualTo(PARTY_17);
    env.put("seed", 0);
    // The reference writes str(seed or ""), so a seed of 0 leaves its place in the scope empty.
    assertThat(EntityIds.entityId(new IdentityHint("party_id", "17", "party"), EntityIds.scope(env)))
        .isEqualTo("169de1efd482871c33ea235cc4f209c8c2ae4bd66d8907517f43badfd4234184");
  }

  @Test
  void shouldCreateTheEntitiesIdentifiersAndEdgesOfAnArrivalEntitiesRecord() {
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivalEntities(RUN, "e1", T1, 17, 1)));

    assertThat(driver.get(GraphTables.ENTITIES, new EntityKey(RUN, PARTY_17)))
        .isEqualTo(new EntityRecord("party", "party_id", "17", "c".repeat(32), T1, "e1", T1));
    assertThat(driver.get(GraphTables.IDENTIFIERS, new IdentifierKey(RUN, "party_id", "17", PARTY_17)))
        .isEqualTo(new IdentifierRecord("party", "c".repeat(32)));
    assertThat(driver.rows(GraphTables.ENTITIES)).hasSize(7);
    assertThat(driver.rows(GraphTables.IDENTIFIERS)).hasSize(7);
    // party → account, instrument, device, ip, session, merchant; each stored both ways.
    assertThat(driver.rows(GraphTables.EDGES)).hasSize(12);
    List<String> fromParty = driver.rows(GraphTables.EDGES).stream().map(Map.Entry::getKey)
        .filter(k -> k.entityId().equals(PARTY_17)).map(EdgeKey::neighbourType).sorted().toList();
    assertThat(fromParty).containsExactly("account", "device", "instrument", "ip", "merchant", "session");
    String device = entityIdOf("device_id", "301");
    assertThat(driver.get(GraphTables.EDGES, new EdgeKey(RUN, device, "party", PARTY_17)))
        .isEqualTo(new EdgeRecord("party_id", "17", T1, "e1", T1));
    assertThat(driver.get(GraphTables.EDGES, new EdgeKey(RUN, PARTY_17, "device", device)))
        .isEqualTo(new EdgeRecord("device_id", "301", T1, "e1", T1));
    assertThat(counter(GraphCounters.EVENTS_SEEN)).isEqualTo(1);
    assertThat(counter(GraphCounters.MUTATING_APPLIED)).isEqualTo(1);
    assertThat(counter(GraphCounters.ENTITIES_CREATED)).isEqualTo(7);
    assertThat(counter(GraphCounters.entitiesCreated("party"))).isEqualTo(1);
    assertThat(counter(GraphCounters.entitiesCreated("session"))).isEqualTo(1);
    assertThat(counter(GraphCounters.entitiesCreated("flow"))).isZero();
    assertThat(counter(GraphCounters.EDGES_CREATED)).isEqualTo(6);
  }

  String entityIdOf(String identifierType, String value) {
    return driver.rows(GraphTables.IDENTIFIERS).stream().map(Map.Entry::getKey)
        .filter(k -> k.identifierType().equals(identifierType) && k.identifierValue().equals(value))
        .map(IdentifierKey::entityId).findFirst().orElseThrow();
  }

  @Test
  void shouldLinkAFlowAnchorsFlowToItsEntitiesAndShareEntitiesWithTheArrival() {
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivalEntities(RUN, "e1", T1, 17, 1)));
    driver.feedEnvelopes(ANCHORS_TOPIC, 0, List.of(flowAnchor(RUN, "a1", T2, 5555, 17, 1)));
    driver.feedEnvelopes(TRAFFIC_TOPIC, 0, List.of(traffic(RUN, "t1", T3, 5555)));

    // The anchor adds only its flow; the traffic event names the same flow.
    assertThat(counter(GraphCounters.ENTITIES_CREATED)).isEqualTo(8);
    assertThat(counter(GraphCounters.entitiesCreated("flow"))).isEqualTo(1);
    // flow → party, account, instrument, device, ip, merchant.
    assertThat(counter(GraphCounters.EDGES_CREATED)).isEqualTo(12);
    String flow = entityIdOf("flow_id", "5555");
    assertThat(driver.get(GraphTables.ENTITIES, new EntityKey(RUN, flow)))
        .isEqualTo(new EntityRecord("flow", "flow_id", "5555", "c".repeat(32), T2, "a1", T3));
    assertThat(driver.get(GraphTables.ENTITIES, new EntityKey(RUN, PARTY_17)))
        .isEqualTo(new EntityRecord("party", "party_id", "17", "c".repeat(32), T1, "e1", T2));
    assertThat(driver.get(GraphTables.EDGES, new EdgeKey(RUN, PARTY_17, "flow", flow)))
        .isEqualTo(new EdgeRecord("flow_id", "5555", T2, "a1", T2));
    assertThat(counter(GraphCounters.MUTATING_APPLIED)).isEqualTo(3);
  }

  @Test
  void shouldWidenFirstAndLastSeenOfEntitiesAndEdgesByEventTimeInAnyArrivalOrder() {
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivalEntities(RUN, "e2", T2, 17, 1),
        arrivalEntities(RUN, "e3", T3, 17, 1), arrivalEntities(RUN, "e1", T1, 17, 1)));

    assertThat(driver.get(GraphTables.ENTITIES, new EntityKey(RUN, PARTY_17)))
        .isEqualTo(new EntityRecord("party", "party_id", "17", "c".repeat(32), T1, "e1", T3));
    String device = entityIdOf("device_id", "301");
    assertThat(driver.get(GraphTables.EDGES, new EdgeKey(RUN, device, "party", PARTY_17)))
        .isEqualTo(new EdgeRecord("party_id", "17", T1, "e1", T3));
    assertThat(driver.get(GraphTables.EDGES, new EdgeKey(RUN, PARTY_17, "device", device)))
        .isEqualTo(new EdgeRecord("device_id", "301", T1, "e1", T3));
    assertThat(counter(GraphCounters.ENTITIES_CREATED)).isEqualTo(7);
    assertThat(counter(GraphCounters.EDGES_CREATED)).isEqualTo(6);
    assertThat(counter(GraphCounters.MUTATING_APPLIED)).isEqualTo(3);
  }

  @Test
  void shouldEndInTheSameRowsWhateverOrderTheTopicsAreAppliedIn() {
    ProcessorDriver<Void> reversed = new ProcessorDriver<>(new GraphCore(), RUN).withCounterNames(GraphCounters.ALL);
    List<Map<String, ?>> arrivals = List.of(arrivalEntities(RUN, "e9", T1, 17, 1), arrivalEntities(RUN, "e5", T1, 17, 1));
    List<Map<String, ?>> anchors = List.of(flowAnchor(RUN, "a1", T1, 5555, 17, 1));

    driver.feedEnvelopes(ENTITIES_TOPIC, 0, arrivals);
    driver.feedEnvelopes(ANCHORS_TOPIC, 0, anchors);
    reversed.feedEnvelopes(ANCHORS_TOPIC, 0, anchors);
    reversed.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivals.get(1), arrivals.get(0)));

    assertThat(driver.get(GraphTables.ENTITIES, new EntityKey(RUN, PARTY_17)))
        .isEqualTo(new EntityRecord("party", "party_id", "17", "c".repeat(32), T1, "a1", T1));
    assertThat(reversed.rows(GraphTables.ENTITIES)).isEqualTo(driver.rows(GraphTables.ENTITIES));
    assertThat(reversed.rows(GraphTables.IDENTIFIERS)).isEqualTo(driver.rows(GraphTables.IDENTIFIERS));
    assertThat(reversed.rows(GraphTables.EDGES)).isEqualTo(driver.rows(GraphTables.EDGES));
    assertThat(reversed.counters().values()).isEqualTo(driver.counters().values());
  }

  @Test
  void shouldCountTheSameEventWithTheSameHashAsADuplicateAndChangeNothing() {
    Map<String, Object> env = arrivalEntities(RUN, "e1", T1, 17, 1);
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(env));
    var before = driver.rows(GraphTables.EDGES);

    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(env));

    assertThat(driver.rows(GraphTables.EDGES)).isEqualTo(before);
    assertThat(counter(GraphCounters.DUPLICATE)).isEqualTo(1);
    assertThat(counter(GraphCounters.MUTATING_APPLIED)).isEqualTo(1);
    assertThat(counter(GraphCounters.EVENTS_SEEN)).isEqualTo(2);
    assertThat(counter(GraphCounters.ENTITIES_CREATED)).isEqualTo(7);
    assertThat(driver.get(GraphTables.DEDUPE, new DedupeKey(RUN, "context_arrival_entities", "e1")))
        .isEqualTo(new DedupeEntry(dev.fp.contract.Ids.payloadHash(GraphSamples.ENTITIES, "v1", env.get("payload")),
            "c".repeat(32), ENTITIES_TOPIC, 0, "0", "file_line", T1));
  }

  @Test
  void shouldRecordAPayloadHashMismatchOnceAndKeepTheGraphOfTheFirstPayload() {
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivalEntities(RUN, "e1", T1, 17, 1)));
    var entities = driver.rows(GraphTables.ENTITIES);
    Map<String, Object> changed = arrivalEntities(RUN, "e1", T1, 18, 1);
    LogRecord mismatch = new LogRecord(ENTITIES_TOPIC, 0, "7", "k", CanonicalJson.write(changed), "");

    driver.feed(List.of(mismatch));
    driver.feed(List.of(mismatch));

    assertThat(driver.rows(GraphTables.ENTITIES)).isEqualTo(entities);
    assertThat(counter(GraphCounters.PAYLOAD_MISMATCH)).isEqualTo(2);
    assertThat(counter(GraphCounters.APPLY_FAILURES)).isEqualTo(1);
    String id = ApplyFailures.failureId(ENTITIES_TOPIC, 0, "7", "PAYLOAD_HASH_MISMATCH", "e1");
    FailureRecord f = driver.get(GraphTables.FAILURES, new FailureKey(RUN, id));
    assertThat(f.reasonCode()).isEqualTo("PAYLOAD_HASH_MISMATCH");
    assertThat(f.offset()).isEqualTo("7");
    assertThat(f.detail()).contains("offset 0");
    assertThat(GraphCounters.health(driver.counters()).state()).isEqualTo(HealthState.AMBER);
  }

  @Test
  void shouldRecordEachFailureReasonWithItsDeterministicFailureIdOnce() {
    Map<String, Object> invalid = arrivalEntities(RUN, "e1", T1, 17, 1);
    invalid.put("ts_utc", "yesterday");
    Map<String, Object> noPins = arrivalEntities(RUN, "e2", T1, 17, 1);
    noPins.remove("run_id");
    Map<String, Object> unknown = envelope(RUN, "e3", "some_other_type", T1, Map.of("party_id", 1));
    Map<String, Object> unknownNoScenario = envelope(RUN, "e4", "some_other_type", T1, Map.of());
    unknownNoScenario.remove("scenario_run_id");
    Map<String, Object> noHints = envelope(RUN, "e5", GraphSamples.ENTITIES, T1, Map.of("arrival_seq", 1));
    List<Map<String, ?>> bad = List.of(invalid, noPins, unknown, unknownNoScenario, noHints);

    driver.feedEnvelopes(ENTITIES_TOPIC, 0, bad);

    Map<String, String> reasons = new LinkedHashMap<>();
    driver.rows(GraphTables.FAILURES).forEach(e -> reasons.put(e.getValue().eventId(), e.getValue().reasonCode()));
    assertThat(reasons).containsOnly(Map.entry("e1", "ENVELOPE_INVALID"), Map.entry("e2", "REQUIRED_PINS_MISSING"),
        Map.entry("e3", "CLASSIFICATION_UNSUPPORTED"), Map.entry("e4", "SCENARIO_RUN_ID_MISSING"),
        Map.entry("e5", "IDENTITY_HINTS_MISSING"));
    assertThat(driver.get(GraphTables.FAILURES, new FailureKey(RUN, "fb7e9c7a6e0016ebe4bfaddf6ff03273")))
        .satisfies(f -> assertThat(f.eventId()).isEqualTo("e5"));
    assertThat(driver.rows(GraphTables.ENTITIES)).isEmpty();
    assertThat(counter(GraphCounters.UNUSABLE)).isEqualTo(5);
    assertThat(counter(GraphCounters.APPLY_FAILURES)).isEqualTo(5);
    assertThat(driver.checkpoint(ENTITIES_TOPIC, 0)).isEqualTo("4");
  }

  @Test
  void shouldNotRecordAReplayedFailureTwice() {
    Map<String, Object> noHints = envelope(RUN, "e5", GraphSamples.ENTITIES, T1, Map.of("arrival_seq", 1));
    LogRecord r = new LogRecord(ENTITIES_TOPIC, 0, "3", "k", CanonicalJson.write(noHints), "");

    driver.feed(List.of(r));
    driver.feed(List.of(r));

    assertThat(counter(GraphCounters.UNUSABLE)).isEqualTo(2);
    assertThat(counter(GraphCounters.APPLY_FAILURES)).isEqualTo(1);
    assertThat(driver.rows(GraphTables.FAILURES)).hasSize(1);
  }

  @Test
  void shouldPassOverDecisionLaneEventsAsIrrelevant() {
    Map<String, Object> decision = envelope(RUN, "d1", "decision_response", T1, Map.of("decision_id", "x"));
    decision.remove("run_id");

    driver.feedEnvelopes(TRAFFIC_TOPIC, 0, List.of(decision));

    assertThat(counter(GraphCounters.IRRELEVANT)).isEqualTo(1);
    assertThat(counter(GraphCounters.UNUSABLE)).isZero();
    assertThat(driver.rows(GraphTables.FAILURES)).isEmpty();
    assertThat(GraphCounters.health(driver.counters()).state()).isEqualTo(HealthState.GREEN);
  }

  @Test
  void shouldSkipAndCheckpointRecordsOfAnotherRunWithoutTouchingTheGraph() {
    driver.feedEnvelopes(ENTITIES_TOPIC, 0, List.of(arrivalEntities(OTHER_RUN, "o1", T1, 17, 1),
        arrivalEntities(RUN, "e1", T1, 18, 2), arrivalEntities(OTHER_RUN, "o2", T1, 19, 3)));

    assertThat(counter(GraphCounters.EVENTS_SEEN)).isEqualTo(1);
    assertThat(counter(ShellCounters.SKIPPED_OTHER_RUN)).isEqualTo(2);
    assertThat(counter(GraphCounters.ENTITIES_CREATED)).isEqualTo(7);
    assertThat(driver.checkpoint(ENTITIES_TOPIC, 0)).isEqualTo("2");
    assertThat(driver.rows(GraphTables.ENTITIES)).allSatisfy(e -> assertThat(e.getKey().platformRunId())
        .isEqualTo(RUN));
  }

  @Test
  void shouldTurnRedAtAHundredApplyFailures() {
    var c = dev.fp.platform.stream.core.Counters.zero(GraphCounters.ALL)
        .plus(Map.of(GraphCounters.APPLY_FAILURES, 100L));
    assertThat(GraphCounters.health(c).state()).isEqualTo(HealthState.RED);
    assertThat(GraphCounters.health(c).reasons()).containsExactly("APPLY_FAILURES_RED");
  }
}
