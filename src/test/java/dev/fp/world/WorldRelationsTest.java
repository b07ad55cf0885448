package dev.fp.world;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Columns, keys and the join map of every output of a small world (data_and_numbers §1.3, §1.4, §4). */
class WorldRelationsTest {
  private static final String TS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
  private static final List<String> IDENTITY = List.of("seed", "manifest_fingerprint", "parameter_hash",
      "scenario_id");
  private static Path root;
  private static final Map<String, List<Map<String, Object>>> ROWS = new HashMap<>();

  @BeforeAll
  static void generate() {
    root = TestWorlds.world(TestWorlds.SMALL);
  }

  private static List<Map<String, Object>> rows(String outputId) {
    return ROWS.computeIfAbsent(outputId, id -> TestWorlds.rows(TestWorlds.parts(root, id)));
  }

  @Test
  void shouldWriteTheReferenceColumnsOfEveryStreamableOutput() {
    assertThat(rows("arrival_events_5B").get(0).keySet()).containsAll(List.of("manifest_fingerprint",
        "parameter_hash", "seed", "scenario_id", "merchant_id", "zone_representation", "bucket_index", "arrival_seq",
        "ts_utc", "tzid_primary", "ts_local_primary", "is_virtual", "channel_group", "site_id", "edge_id"));
    assertThat(rows("s1_arrival_entities_6B").get(0).keySet()).containsExactlyInAnyOrder("scenario_id",
        "arrival_seq", "merchant_id", "ts_utc", "party_id", "account_id", "instrument_id", "device_id", "ip_id",
        "session_id", "seed", "manifest_fingerprint", "parameter_hash");
    List<String> anchor = List.of("flow_id", "arrival_seq", "merchant_id", "party_id", "account_id",
        "instrument_id", "device_id", "ip_id", "ts_utc", "amount", "seed", "manifest_fingerprint", "parameter_hash",
        "scenario_id");
    assertThat(rows("s2_flow_anchor_baseline_6B").get(0).keySet()).containsExactlyElementsOf(anchor);
    List<String> fraudAnchor = new ArrayList<>(anchor);
    fraudAnchor.addAll(List.of("fraud_flag", "campaign_id"));
    assertThat(rows("s3_flow_anchor_with_fraud_6B").get(0).keySet()).containsExactlyElementsOf(fraudAnchor);
    List<String> events = List.of("flow_id", "event_seq", "event_type", "ts_utc", "amount", "seed",
        "manifest_fingerprint", "parameter_hash", "scenario_id");
    assertThat(rows("s2_event_stream_baseline_6B").get(0).keySet()).containsExactlyElementsOf(events);
    List<String> fraudEvents = new ArrayList<>(events);
    fraudEvents.addAll(List.of("fraud_flag", "campaign_id"));
    assertThat(rows("s3_event_stream_with_fraud_6B").get(0).keySet()).containsExactlyElementsOf(fraudEvents);
  }

  @Test
  void shouldHaveOneFlowPerArrivalAndTwoEventsPerFlow() {
    int n = (int) TestWorlds.SMALL.flows();
    assertThat(rows("arrival_events_5B")).hasSize(n);
    assertThat(rows("s1_arrival_entities_6B")).hasSize(n);
    assertThat(rows("s2_flow_anchor_baseline_6B")).hasSize(n);
    assertThat(rows("s3_flow_anchor_with_fraud_6B")).hasSize(n);
    assertThat(rows("s2_event_stream_baseline_6B")).hasSize(2 * n);
    assertThat(rows("s3_event_stream_with_fraud_6B")).hasSize(2 * n);
    assertThat(rows("s4_flow_truth_labels_6B")).hasSize(n);
    assertThat(rows("s4_flow_bank_view_6B")).hasSize(n);
    assertThat(rows("s4_event_labels_6B")).hasSize(2 * n);
  }

  @Test
  void shouldKeepPrimaryKeysUniqueAndIdsPositive() {
    assertUnique("arrival_events_5B", r -> r.get("merchant_id") + "/" + r.get("arrival_seq"));
    assertUnique("s1_arrival_entities_6B", r -> r.get("merchant_id") + "/" + r.get("arrival_seq"));
    assertUnique("s3_flow_anchor_with_fraud_6B", r -> r.get("flow_id"));
    assertUnique("s3_event_stream_with_fraud_6B", r -> r.get("flow_id") + "/" + r.get("event_seq"));
    assertUnique("s4_case_timeline_6B", r -> r.get("case_id") + "/" + r.get("case_event_seq"));
    for (String id : List.of("s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B", "s4_case_timeline_6B")) {
      for (Map<String, Object> r : rows(id)) {
        r.forEach((col, v) -> {
          if (col.endsWith("_id") && v instanceof Long l) {
            assertThat(l).as(id + "." + col).isPositive();
          }
        });
      }
    }
  }

  @Test
  void shouldWriteTimestampsWithSixDigitsAndZ() {
    for (String id : List.of("arrival_events_5B", "s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B",
        "s2_event_stream_baseline_6B", "s3_event_stream_with_fraud_6B", "s4_case_timeline_6B")) {
      assertThat(rows(id)).allSatisfy(r -> assertThat((String) r.get("ts_utc")).matches(TS));
    }
    assertThat(rows("arrival_events_5B")).allSatisfy(r ->
        assertThat((String) r.get("ts_local_primary")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}"));
  }

  @Test
  void shouldNumberArrivalsPerMerchantFromOneInTimeOrder() {
    Map<Object, List<Map<String, Object>>> byMerchant = rows("arrival_events_5B").stream()
        .collect(Collectors.groupingBy(r -> r.get("merchant_id")));
    byMerchant.values().forEach(list -> {
      list.sort(Comparator.comparingLong(r -> (Long) r.get("arrival_seq")));
      for (int i = 0; i < list.size(); i++) {
        assertThat(list.get(i).get("arrival_seq")).isEqualTo((long) i + 1);
        if (i > 0) {
          assertThat((String) list.get(i).get("ts_utc")).isGreaterThanOrEqualTo((String) list.get(i - 1).get("ts_utc"));
        }
      }
    });
    assertThat(rows("arrival_events_5B")).allSatisfy(r -> {
      boolean virtual = (Boolean) r.get("is_virtual");
      assertThat(r.get("site_id") == null).isEqualTo(virtual);
      assertThat(r.get("edge_id") == null).isEqualTo(!virtual);
    });
  }

  @Test
  void shouldJoinArrivalsEntitiesAndAnchorsOneToOne() {
    Function<Map<String, Object>, String> arrival = r -> r.get("merchant_id") + "/" + r.get("arrival_seq");
    Map<String, Map<String, Object>> entities = index("s1_arrival_entities_6B", arrival);
    Map<String, Map<String, Object>> arrivals = index("arrival_events_5B", arrival);
    for (Map<String, Object> a : rows("s3_flow_anchor_with_fraud_6B")) {
      Map<String, Object> e = entities.get(arrival.apply(a));
      assertThat(e).isNotNull();
      assertThat(arrivals.get(arrival.apply(a)).get("ts_utc")).isEqualTo(a.get("ts_utc"));
      for (String col : List.of("ts_utc", "party_id", "account_id", "instrument_id", "device_id", "ip_id")) {
        assertThat(a.get(col)).as(col).isEqualTo(e.get(col));
      }
    }
    for (String id : List.of("s1_arrival_entities_6B", "s3_flow_anchor_with_fraud_6B", "s4_case_timeline_6B")) {
      assertThat(rows(id)).allSatisfy(r -> assertThat(r.keySet()).containsAll(IDENTITY));
    }
  }

  @Test
  void shouldPairARequestAndANotEarlierResponsePerFlow() {
    Map<Object, List<Map<String, Object>>> byFlow = rows("s3_event_stream_with_fraud_6B").stream()
        .collect(Collectors.groupingBy(r -> r.get("flow_id")));
    Map<String, Map<String, Object>> anchors = index("s3_flow_anchor_with_fraud_6B", r -> "" + r.get("flow_id"));
    assertThat(byFlow.keySet().stream().map(String::valueOf).collect(Collectors.toSet()))
        .isEqualTo(anchors.keySet());
    byFlow.forEach((flow, events) -> {
      events.sort(Comparator.comparingLong(r -> (Long) r.get("event_seq")));
      assertThat(events).extracting(r -> r.get("event_type")).containsExactly("AUTH_REQUEST", "AUTH_RESPONSE");
      Map<String, Object> anchor = anchors.get(String.valueOf(flow));
      assertThat(events.get(0).get("ts_utc")).isEqualTo(anchor.get("ts_utc"));
      assertThat((String) events.get(1).get("ts_utc")).isGreaterThanOrEqualTo((String) events.get(0).get("ts_utc"));
      assertThat(events).allSatisfy(e -> {
        assertThat(e.get("amount")).isEqualTo(anchor.get("amount"));
        assertThat(e.get("fraud_flag")).isEqualTo(anchor.get("fraud_flag"));
        assertThat(e.get("campaign_id")).isEqualTo(anchor.get("campaign_id"));
      });
    });
  }

  @Test
  void shouldFlagFraudAtTheRequestedRateWithACampaignAndScaledAmounts() {
    List<Map<String, Object>> fraud = rows("s3_flow_anchor_with_fraud_6B");
    Map<String, Map<String, Object>> baseline = index("s2_flow_anchor_baseline_6B", r -> "" + r.get("flow_id"));
    long flagged = fraud.stream().filter(r -> (Boolean) r.get("fraud_flag")).count();
    assertThat(flagged / (double) fraud.size()).isBetween(0.07, 0.13);
    assertThat(fraud).allSatisfy(r -> {
      boolean f = (Boolean) r.get("fraud_flag");
      assertThat(r.get("campaign_id") != null).isEqualTo(f);
      if (f) {
        assertThat((String) r.get("campaign_id")).matches("[0-9a-f]{64}");
      }
      Map<String, Object> base = baseline.get("" + r.get("flow_id"));
      assertThat(r.get("amount").equals(base.get("amount"))).isEqualTo(!f);
      assertThat(base.get("party_id")).isEqualTo(r.get("party_id"));
    });
  }

  @Test
  void shouldGiveFraudInstrumentsAVelocitySignal() {
    Map<String, Long> fraudPerInstrumentDay = new HashMap<>();
    Map<String, Long> legitPerInstrumentDay = new HashMap<>();
    for (Map<String, Object> r : rows("s3_flow_anchor_with_fraud_6B")) {
      String key = r.get("instrument_id") + "@" + ((String) r.get("ts_utc")).substring(0, 10);
      ((Boolean) r.get("fraud_flag") ? fraudPerInstrumentDay : legitPerInstrumentDay).merge(key, 1L, Long::sum);
    }
    double fraud = fraudPerInstrumentDay.values().stream().mapToLong(Long::longValue).average().orElse(0);
    double legit = legitPerInstrumentDay.values().stream().mapToLong(Long::longValue).average().orElse(0);
    assertThat(fraud).isGreaterThan(1.5 * legit);
  }

  @Test
  void shouldLabelTruthFromTheOverlayAndKeepTheBankViewConsistent() {
    Map<String, Map<String, Object>> anchors = index("s3_flow_anchor_with_fraud_6B", r -> "" + r.get("flow_id"));
    assertThat(rows("s4_flow_truth_labels_6B")).allSatisfy(t -> {
      boolean fraud = (Boolean) anchors.get("" + t.get("flow_id")).get("fraud_flag");
      assertThat(t.get("is_fraud_truth")).isEqualTo(fraud);
      assertThat(t.get("fraud_label").equals("LEGIT")).isEqualTo(!fraud);
    });
    assertThat(rows("s4_flow_bank_view_6B")).allSatisfy(b -> assertThat(b.get("is_fraud_bank_view")).isEqualTo(
        Set.of("BANK_CONFIRMED_FRAUD", "CHARGEBACK_WRITTEN_OFF").contains(b.get("bank_label"))));
    Set<Object> caseFlows = new HashSet<>();
    rows("s4_case_timeline_6B").forEach(c -> caseFlows.add(c.get("flow_id")));
    assertThat(rows("s4_flow_bank_view_6B")).allSatisfy(b -> assertThat(caseFlows.contains(b.get("flow_id")))
        .isEqualTo(!"NO_CASE_OPENED".equals(b.get("bank_label"))));
  }

  @Test
  void shouldLeavePartsUnsorted() {
    boolean anyUnsorted = false;
    for (Path part : TestWorlds.parts(root, "s3_event_stream_with_fraud_6B")) {
      List<String> ts = TestWorlds.rows(List.of(part)).stream().map(r -> (String) r.get("ts_utc")).toList();
      anyUnsorted |= !ts.equals(ts.stream().sorted().toList());
    }
    assertThat(anyUnsorted).isTrue();
  }

  private static void assertUnique(String outputId, Function<Map<String, Object>, Object> key) {
    List<Map<String, Object>> rows = rows(outputId);
    assertThat(rows.stream().map(key).distinct().count()).as(outputId).isEqualTo(rows.size());
  }

  private static Map<String, Map<String, Object>> index(String outputId, Function<Map<String, Object>, String> key) {
    Map<String, Map<String, Object>> m = new HashMap<>();
    rows(outputId).forEach(r -> m.put(key.apply(r), r));
    return m;
  }
}
