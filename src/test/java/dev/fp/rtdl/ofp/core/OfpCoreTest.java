package dev.fp.rtdl.ofp.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Topics;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.rtdl.ofp.store.ApplyFailure;
import dev.fp.rtdl.ofp.store.FlowState;
import dev.fp.rtdl.ofp.store.OfpMeta;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.rtdl.ofp.store.WindowedState;
import dev.fp.substrate.eventlog.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.fp.rtdl.ofp.core.OfpSamples.anchor;
import static dev.fp.rtdl.ofp.core.OfpSamples.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfpCoreTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String TRAFFIC = Topics.TRAFFIC_FRAUD;
  static final String ANCHORS = Topics.CONTEXT_FLOW_ANCHOR_FRAUD;
  /** The driver's records are published at 2026-01-01T00:00:00Z; the budget is 2 s. */
  static final long PUBLISHED = WireTime.parseMicros("2026-01-01T00:00:00.000000Z");
  static final long BUDGET_MS = 2_000;

  final FeaturePolicy policy = OfpSamples.policy(64);
  final OfpCore core = new OfpCore(policy, BUDGET_MS, 100);

  ProcessorDriver<Void> driver(long nowMicros) {
    return new ProcessorDriver<>(core, RUN).withCounterNames(OfpCounters.ALL).withEnrichment((records, reads) -> {
      Map<dev.fp.platform.stream.core.StreamRecord, Object> m = new java.util.IdentityHashMap<>();
      records.forEach(r -> m.put(r, nowMicros));
      return m;
    });
  }

  /** A driver whose clock is past every record's join-wait budget. */
  ProcessorDriver<Void> expired() {
    return driver(PUBLISHED + BUDGET_MS * 1000);
  }

  Windows party() {
    return new Windows(policy.group("party_features", "v1"), policy.distinctCap());
  }

  WindowedState partyRow(ProcessorDriver<Void> d, long party) {
    return d.get(OfpTables.FEATURES, OfpCore.featureKey(RUN, policy.group("party_features", "v1"),
        Long.toString(party)));
  }

  static long at(String ts) {
    return WireTime.parseMicros(ts);
  }

  @Test
  void shouldCountAFlowsAmountOnceAndReachTheEntitiesItsAnchorNames() {
    ProcessorDriver<Void> d = expired();
    d.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, "a1", 1, 100, 500, 9000, "2026-01-01T10:00:00.000000Z")));
    d.feedEnvelopes(TRAFFIC, 0, List.of(
        traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z", 9.99),
        traffic(RUN, "t2", 1, "AUTH_RESPONSE", "2026-01-01T10:00:01.500000Z", 9.99)));

    FlowState flow = d.get(OfpTables.FLOWS, new OfpTables.FlowKey(RUN, "1"));
    assertThat(flow.events).isEqualTo(2);
    assertThat(flow.amountCents).isEqualTo(999);
    assertThat(WireTime.formatString(flow.lastMicros)).isEqualTo("2026-01-01T10:00:01.500000Z");
    Map<String, Object> v = party().values(partyRow(d, 100), at("2026-01-01T10:30:00.000000Z"));
    assertThat(v).containsEntry("count_1h", 1L).containsEntry("amount_sum_1h", 9.99)
        .containsEntry("amount_mean_1h", 9.99).containsEntry("count_7d", 1L)
        .containsEntry("distinct_merchant_id_1h", 1L).containsEntry("distinct_device_id_24h", 1L)
        .containsEntry("last_seen_ts_utc", "2026-01-01T10:00:00.000000Z");
    assertThat(d.get(OfpTables.META, RUN)).isEqualTo(new OfpMeta(at("2026-01-01T10:00:01.500000Z")));
    assertThat(d.counters().get(OfpCounters.SEEN)).isEqualTo(2);
    assertThat(d.counters().get(OfpCounters.APPLIED)).isEqualTo(2);
    assertThat(d.counters().get(OfpCounters.ANCHORS_APPLIED)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.ANCHOR_MISSING)).isZero();
  }

  @Test
  void shouldEndEachWindowWithTheBucketHoldingAsOf() {
    ProcessorDriver<Void> d = expired();
    String[] times = {"2026-01-01T09:59:59.000000Z", "2026-01-01T10:00:30.000000Z", "2026-01-01T10:59:59.000000Z",
        "2026-01-01T11:00:00.000000Z", "2025-12-31T11:30:00.000000Z", "2025-12-25T12:00:00.000000Z"};
    List<Map<String, ?>> anchors = new ArrayList<>();
    List<Map<String, ?>> requests = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      anchors.add(anchor(RUN, "a" + i, i + 1, 100, 500, 9000 + i, times[i]));
      requests.add(traffic(RUN, "t" + i, i + 1, "AUTH_REQUEST", times[i], 1.00 + i));
    }
    d.feedEnvelopes(ANCHORS, 0, anchors);
    d.feedEnvelopes(TRAFFIC, 0, requests);

    // as_of 11:00:00.5: 1 h = minutes (10:00, 11:00] -> 10:59:59 and 11:00:00; 24 h = hours (yesterday 11h, 11h]
    // -> all but 12-25 and yesterday 11:30; 7 d = hours (12-25 11h, 01-01 11h] -> all six.
    Map<String, Object> v = party().values(partyRow(d, 100), at("2026-01-01T11:00:00.500000Z"));
    assertThat(v).containsEntry("count_1h", 2L).containsEntry("amount_sum_1h", 7.0)
        .containsEntry("amount_mean_1h", 3.5)
        .containsEntry("count_24h", 4L).containsEntry("amount_sum_24h", 10.0)
        .containsEntry("count_7d", 6L).containsEntry("amount_sum_7d", 21.0)
        .containsEntry("distinct_merchant_id_1h", 2L).containsEntry("distinct_merchant_id_24h", 4L)
        .containsEntry("distinct_merchant_id_7d", 6L);
    // as_of 10:59:59.9: 1 h = minutes (09:59, 10:59] -> 10:00:30 and 10:59:59; 24 h = hours (yesterday 10h, 10h]
    // -> 09:59:59, 10:00:30, 10:59:59 and yesterday 11:30. The 11:00 events are after as_of.
    Map<String, Object> before = party().values(partyRow(d, 100), at("2026-01-01T10:59:59.900000Z"));
    assertThat(before).containsEntry("count_1h", 2L).containsEntry("amount_sum_1h", 5.0);
    assertThat(before).containsEntry("count_24h", 4L).containsEntry("amount_sum_24h", 11.0);
  }

  @Test
  void shouldReachTheSameStateWhateverTheOrderAndBatchingOfEvents() {
    List<Map<String, ?>> anchors = new ArrayList<>();
    List<Map<String, ?>> requests = new ArrayList<>();
    String[] times = {"2026-01-01T10:00:00.000000Z", "2026-01-01T10:20:00.000000Z", "2026-01-02T09:00:00.000000Z",
        "2026-01-05T00:00:00.000000Z", "2026-01-09T10:00:00.000000Z", "2025-12-01T00:00:00.000000Z"};
    for (int i = 0; i < times.length; i++) {
      anchors.add(anchor(RUN, "a" + i, i + 1, 100, 500 + i % 2, 9000 + i, times[i]));
      requests.add(traffic(RUN, "t" + i, i + 1, "AUTH_REQUEST", times[i], 2.50 * (i + 1)));
    }
    ProcessorDriver<Void> inOrder = expired();
    inOrder.feedEnvelopes(ANCHORS, 0, anchors);
    inOrder.feedEnvelopes(TRAFFIC, 0, requests);

    ProcessorDriver<Void> shuffled = expired();
    List<Map<String, ?>> reversed = new ArrayList<>(requests);
    Collections.reverse(reversed);
    shuffled.feedEnvelopes(TRAFFIC, 0, reversed.subList(0, 3));           // no anchors yet: applied without
    shuffled.feedEnvelopes(ANCHORS, 0, anchors.subList(3, 6));
    shuffled.feedEnvelopes(TRAFFIC, 0, reversed.subList(3, 6));
    shuffled.feedEnvelopes(ANCHORS, 0, anchors.subList(0, 3));            // late anchors: backfilled

    assertThat(json(shuffled.rows(OfpTables.FEATURES))).isEqualTo(json(inOrder.rows(OfpTables.FEATURES)));
    assertThat(json(shuffled.rows(OfpTables.FLOWS))).isEqualTo(json(inOrder.rows(OfpTables.FLOWS)));
    assertThat(shuffled.counters().get(OfpCounters.ANCHOR_MISSING)).isEqualTo(6);
    assertThat(shuffled.counters().get(OfpCounters.BACKFILLS)).isEqualTo(6);
    // Hour buckets reach 7 d + 1 d back from the newest event (01-09 10:00): 2025-12-01 and 01-01 10h are in none,
    // in either order.
    assertThat(partyRow(inOrder, 100).hours.firstKey()).isEqualTo(at("2026-01-02T09:00:00.000000Z") / 3_600_000_000L);
  }

  static String json(List<? extends Map.Entry<?, ?>> rows) {
    List<Object> out = new ArrayList<>();
    rows.forEach(e -> out.add(List.of(String.valueOf(e.getKey()), dev.fp.contract.Json.write(e.getValue()))));
    return CanonicalJson.write(out);
  }

  @Test
  void shouldCountADuplicateAndRecordAPayloadMismatchKeepingTheFirst() {
    ProcessorDriver<Void> d = expired();
    d.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, "a1", 1, 100, 500, 9000, "2026-01-01T10:00:00.000000Z")));
    d.feedEnvelopes(TRAFFIC, 0, List.of(traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z",
        9.99)));
    d.feedEnvelopes(TRAFFIC, 0, List.of(
        traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z", 9.99),
        traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z", 99.99)));

    assertThat(d.counters().get(OfpCounters.SEEN)).isEqualTo(3);
    assertThat(d.counters().get(OfpCounters.APPLIED)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.DUPLICATES)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.MISMATCH)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.REJECTED)).isEqualTo(1);
    assertThat(d.get(OfpTables.FLOWS, new OfpTables.FlowKey(RUN, "1")).amountCents).isEqualTo(999);
    List<Map.Entry<OfpTables.FailureKey, ApplyFailure>> failures = d.rows(OfpTables.FAILURES);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).getValue().reason()).isEqualTo("PAYLOAD_HASH_MISMATCH");
    assertThat(failures.get(0).getKey().eventId()).isEqualTo("t1");
    assertThat(failures.get(0).getValue().storedPayloadHash()).isEqualTo(d.get(OfpTables.DEDUPE,
        new OfpTables.EventKey(RUN, "traffic_fraud", "t1")));
  }

  @Test
  void shouldHoldTrafficUntilItsAnchorArrivesWithinTheBudget() {
    ProcessorDriver<Void> d = driver(PUBLISHED + 500_000);             // 0.5 s after publication: 1.5 s left
    LogRecord request = d.record(TRAFFIC, 0, CanonicalJson.write(traffic(RUN, "t1", 1, "AUTH_REQUEST",
        "2026-01-01T10:00:00.000000Z", 9.99)));

    BatchState<Void> held = d.feed(List.of(request));

    assertThat(held.writes()).isEmpty();
    assertThat(d.checkpoint(TRAFFIC, 0)).isNull();
    assertThat(d.counters().get(OfpCounters.SEEN)).isZero();

    d.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, "a1", 1, 100, 500, 9000, "2026-01-01T10:00:00.000000Z")));
    d.feed(List.of(request));

    assertThat(d.checkpoint(TRAFFIC, 0)).isEqualTo("0");
    assertThat(d.counters().get(OfpCounters.APPLIED)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.ANCHOR_MISSING)).isZero();
    assertThat(partyRow(d, 100)).isNotNull();
  }

  @Test
  void shouldApplyWithFlowFeaturesOnlyOnceTheBudgetIsSpentThenBackfillALateAnchor() {
    ProcessorDriver<Void> d = expired();
    d.feedEnvelopes(TRAFFIC, 0, List.of(traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z",
        9.99)));

    assertThat(d.checkpoint(TRAFFIC, 0)).isEqualTo("0");
    assertThat(d.counters().get(OfpCounters.ANCHOR_MISSING)).isEqualTo(1);
    assertThat(d.get(OfpTables.FLOWS, new OfpTables.FlowKey(RUN, "1")).events).isEqualTo(1);
    assertThat(partyRow(d, 100)).isNull();

    d.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, "a1", 1, 100, 500, 9000, "2026-01-01T10:00:00.000000Z")));

    assertThat(d.counters().get(OfpCounters.BACKFILLS)).isEqualTo(1);
    assertThat(party().values(partyRow(d, 100), at("2026-01-01T10:00:00.000000Z")))
        .containsEntry("count_1h", 1L).containsEntry("amount_sum_1h", 9.99);
  }

  @Test
  void shouldKeepAtMostTheCapOfDistinctCounterpartiesTheSameInAnyOrder() {
    FeaturePolicy capped = OfpSamples.policy(3);
    List<Map<String, ?>> anchors = new ArrayList<>();
    List<Map<String, ?>> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      anchors.add(anchor(RUN, "a" + i, i + 1, 100, 500, 9000 + i, "2026-01-01T10:00:00.000000Z"));
      requests.add(traffic(RUN, "t" + i, i + 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z", 1.0));
    }
    List<Map<String, ?>> reversed = new ArrayList<>(requests);
    Collections.reverse(reversed);
    List<WindowedState> rows = new ArrayList<>();
    for (List<Map<String, ?>> order : List.of(requests, reversed)) {
      ProcessorDriver<Void> d = new ProcessorDriver<>(new OfpCore(capped, 0, 100), RUN);
      d.feedEnvelopes(ANCHORS, 0, anchors);
      d.feedEnvelopes(TRAFFIC, 0, order);
      rows.add(d.get(OfpTables.FEATURES, OfpCore.featureKey(RUN, capped.group("party_features", "v1"), "100")));
    }

    assertThat(rows.get(0).distinct.get("merchant_id")).hasSize(3);
    assertThat(rows.get(0).distinct).isEqualTo(rows.get(1).distinct);
    assertThat(rows.get(0).saturated).containsExactly("merchant_id");
    Map<String, Object> v = new Windows(capped.group("party_features", "v1"), 3).values(rows.get(0),
        at("2026-01-01T10:00:00.000000Z"));
    assertThat(v).containsEntry("count_1h", 8L).containsEntry("distinct_merchant_id_1h", 3L)
        .containsEntry("distinct_device_id_1h", 1L).containsEntry("distinct_saturated", List.of("merchant_id"));
  }

  @Test
  void shouldRecordTrafficWithoutAFlowIdAsAFailure() {
    ProcessorDriver<Void> d = expired();
    Map<String, Object> noFlow = traffic(RUN, "t1", 1, "AUTH_REQUEST", "2026-01-01T10:00:00.000000Z", 9.99);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) noFlow.get("payload");
    payload.remove("flow_id");
    d.feedEnvelopes(TRAFFIC, 0, List.of(noFlow));

    assertThat(d.checkpoint(TRAFFIC, 0)).isEqualTo("0");
    assertThat(d.counters().get(OfpCounters.FAILURES)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.SEEN)).isEqualTo(1);
    assertThat(d.counters().get(OfpCounters.REJECTED)).isEqualTo(1);
    assertThat(d.rows(OfpTables.FAILURES).get(0).getValue().reason()).isEqualTo("MISSING_FLOW_ID");
  }

  @Test
  void shouldParseTheShippedPolicyAndRefuseAMistypedOne() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(
        java.nio.file.Path.of("conf/ofp/features.yaml").toFile(), Map.class);
    FeaturePolicy shipped = FeaturePolicy.of(doc);
    assertThat(shipped.flowGroup().name()).isEqualTo("core_features");
    assertThat(shipped.entityGroups()).extracting(FeatureGroup::keyType).containsExactly("party_id", "account_id",
        "instrument_id", "device_id", "ip_id", "merchant_id");
    assertThat(shipped.amountEventType()).isEqualTo("AUTH_REQUEST");

    Map<String, Object> bad = new java.util.LinkedHashMap<>(doc);
    bad.put("groups", List.of(Map.of("name", "core_features", "version", "v1", "key_type", "flow_id"),
        Map.of("name", "p", "version", "v1", "key_type", "party_id", "windows", List.of("90m"))));
    assertThatThrownBy(() -> FeaturePolicy.of(bad)).hasMessageContaining("90m")
        .hasMessageContaining("whole hours");
  }
}
