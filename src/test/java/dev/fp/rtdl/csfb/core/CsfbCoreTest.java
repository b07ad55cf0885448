package dev.fp.rtdl.csfb.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.rtdl.csfb.store.CsfbTables.BindingKey;
import dev.fp.rtdl.csfb.store.FailureRecord;
import dev.fp.rtdl.csfb.store.FlowBinding;
import dev.fp.rtdl.csfb.store.JoinFrame;
import dev.fp.rtdl.csfb.store.JoinFrameKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fp.rtdl.csfb.core.CsfbSamples.ANCHORS;
import static dev.fp.rtdl.csfb.core.CsfbSamples.ARRIVALS;
import static dev.fp.rtdl.csfb.core.CsfbSamples.ENTITIES;
import static dev.fp.rtdl.csfb.core.CsfbSamples.SCENARIO_RUN_ID;
import static dev.fp.rtdl.csfb.core.CsfbSamples.anchor;
import static dev.fp.rtdl.csfb.core.CsfbSamples.arrival;
import static dev.fp.rtdl.csfb.core.CsfbSamples.entities;
import static dev.fp.rtdl.csfb.core.CsfbSamples.with;
import static dev.fp.rtdl.csfb.core.CsfbSamples.withPayload;
import static org.assertj.core.api.Assertions.assertThat;

/** CSFB's core under the synchronous driver: frames, bindings, hits and misses, dedupe, conflicts, failures. */
class CsfbCoreTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String T1 = "2026-01-01T04:24:35.076303Z";
  static final String T2 = "2026-01-01T08:03:29.902524Z";
  static final String T3 = "2026-01-01T10:17:45.090508Z";
  final ProcessorDriver<Void> driver = new ProcessorDriver<>(new CsfbCore("csfb"), RUN)
      .withCounterNames(CsfbCounters.ALL);

  static JoinFrameKey key(long merchant, long seq) {
    return new JoinFrameKey(RUN, SCENARIO_RUN_ID, String.valueOf(merchant), seq);
  }

  Map<String, Long> counters() {
    return driver.counters().values();
  }

  List<FailureRecord> anomalies() {
    return driver.rows(CsfbTables.FAILURES).stream().filter(e -> e.getKey().category().equals(CsfbTables.ANOMALY))
        .map(Map.Entry::getValue).toList();
  }

  @Test
  void shouldCountAHitOnceWhenTheAnchorFollowsItsArrival() {
    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 1, T1)));
    driver.feedEnvelopes(ENTITIES, 0, List.of(entities(RUN, 7, 1, T1)));
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 7, 1, T1)));

    JoinFrame frame = driver.get(CsfbTables.FRAMES, key(7, 1));
    assertThat(frame.contextComplete()).isTrue();
    assertThat(frame.flowId()).isEqualTo("900");
    assertThat(frame.arrivalEventRef().toJson()).isEqualTo(Map.of("topic", ARRIVALS, "partition", 0, "offset", "0",
        "offset_kind", "file_line"));
    assertThat(frame.arrivalEntities()).containsEntry("party_id", 71);
    FlowBinding b = driver.get(CsfbTables.BINDINGS, new BindingKey(RUN, SCENARIO_RUN_ID, "900"));
    assertThat(b.joinFrameKey()).isEqualTo(key(7, 1));
    assertThat(b.authoritativeSourceEventType()).isEqualTo("s3_flow_anchor_with_fraud_6B");
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("flow_id", "900");
    basis.put("join_frame_key", key(7, 1).toJson());
    basis.put("source_event_id", anchor(RUN, 900, 7, 1, T1).get("event_id"));
    assertThat(b.payloadHash()).isEqualTo(Hashing.sha256Hex(CanonicalJson.write(basis)));
    assertThat(b.pins()).containsEntry("run_id", "d".repeat(32)).containsEntry("seed", 42).hasSize(7);
    assertThat(counters()).containsEntry(CsfbCounters.JOIN_HITS, 1L).containsEntry(CsfbCounters.JOIN_MISSES, 0L)
        .containsEntry(CsfbCounters.APPLIED, 3L).containsEntry(CsfbCounters.FRAMES, 1L)
        .containsEntry(CsfbCounters.BINDINGS, 1L).containsEntry(CsfbCounters.APPLY_FAILURES, 0L);
    assertThat(driver.rows(CsfbTables.UNPAIRED)).isEmpty();
  }

  @Test
  void shouldCountAMissUntilTheArrivalComesThenOneHit() {
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 7, 1, T1)));

    assertThat(counters()).containsEntry(CsfbCounters.JOIN_HITS, 0L).containsEntry(CsfbCounters.JOIN_MISSES, 1L);
    assertThat(driver.rows(CsfbTables.UNPAIRED)).singleElement().satisfies(e -> {
      assertThat(e.getKey().flowId()).isEqualTo("900");
      assertThat(e.getValue()).isEqualTo(key(7, 1));
    });
    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1)).contextComplete()).isFalse();

    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 1, T1)));
    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 1, T1)));

    assertThat(counters()).containsEntry(CsfbCounters.JOIN_HITS, 1L).containsEntry(CsfbCounters.JOIN_MISSES, 0L)
        .containsEntry(CsfbCounters.DUPLICATES, 1L);
    assertThat(driver.rows(CsfbTables.UNPAIRED)).isEmpty();
    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1)).contextComplete()).isTrue();
  }

  @Test
  void shouldTreatTheSameEventAgainAsADuplicateAndChangeNothing() {
    Map<String, Object> a = arrival(RUN, 7, 1, T1);
    driver.feedEnvelopes(ARRIVALS, 0, List.of(a));
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 7, 1, T1)));
    JoinFrame before = driver.get(CsfbTables.FRAMES, key(7, 1));

    var replay = driver.feedEnvelopes(ARRIVALS, 0, List.of(a));

    assertThat(replay.writes()).isEmpty();
    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1))).isEqualTo(before);
    assertThat(counters()).containsEntry(CsfbCounters.DUPLICATES, 1L).containsEntry(CsfbCounters.APPLIED, 2L)
        .containsEntry(CsfbCounters.JOIN_HITS, 1L);
  }

  @Test
  void shouldRecordAnotherPayloadUnderAnAppliedEventIdOnceAndNeverApplyIt() {
    Map<String, Object> a = arrival(RUN, 7, 1, T1);
    Map<String, Object> changed = withPayload(a, "is_virtual", true);
    driver.feedEnvelopes(ARRIVALS, 0, List.of(a));

    driver.feedEnvelopes(ARRIVALS, 0, List.of(changed));
    driver.feedEnvelopes(ARRIVALS, 0, List.of(changed));

    assertThat(anomalies()).singleElement().satisfies(f -> {
      assertThat(f.reasonCode()).isEqualTo(CsfbReasons.INTAKE_PAYLOAD_HASH_MISMATCH);
      assertThat(f.offset()).isEqualTo("1");
      assertThat(f.failureId()).hasSize(32);
    });
    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1)).arrivalEvent()).containsEntry("is_virtual", false);
    assertThat(counters()).containsEntry(CsfbCounters.APPLY_FAILURES, 1L)
        .containsEntry(CsfbCounters.HARD_FAILURES, 1L).containsEntry(CsfbCounters.DUPLICATES, 1L)
        .containsEntry(CsfbCounters.BINDING_CONFLICTS, 0L);
  }

  @Test
  void shouldNeverOverwriteABindingWhenAnotherAnchorRebindsTheFlow() {
    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 1, T1), arrival(RUN, 8, 1, T1)));
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 7, 1, T1)));
    FlowBinding first = driver.get(CsfbTables.BINDINGS, new BindingKey(RUN, SCENARIO_RUN_ID, "900"));

    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 8, 1, T1)));
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 8, 1, T1)));

    assertThat(driver.get(CsfbTables.BINDINGS, new BindingKey(RUN, SCENARIO_RUN_ID, "900"))).isEqualTo(first);
    assertThat(driver.get(CsfbTables.FRAMES, key(8, 1)).bound()).isFalse();
    assertThat(anomalies()).singleElement().satisfies(f -> {
      assertThat(f.reasonCode()).isEqualTo(CsfbReasons.FLOW_BINDING_PAYLOAD_HASH_MISMATCH);
      assertThat(f.details()).containsEntry("stored_payload_hash", first.payloadHash())
          .containsEntry("flow_id", "900");
    });
    assertThat(counters()).containsEntry(CsfbCounters.BINDING_CONFLICTS, 1L)
        .containsEntry(CsfbCounters.HARD_FAILURES, 1L).containsEntry(CsfbCounters.DUPLICATES, 1L)
        .containsEntry(CsfbCounters.JOIN_HITS, 1L).containsEntry(CsfbCounters.BINDINGS, 1L);
  }

  @Test
  void shouldRefuseToBindAnArrivalAlreadyBoundToAnotherFlow() {
    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 900, 7, 1, T1)));

    driver.feedEnvelopes(ANCHORS, 0, List.of(anchor(RUN, 901, 7, 1, T1)));

    assertThat(driver.get(CsfbTables.BINDINGS, new BindingKey(RUN, SCENARIO_RUN_ID, "901"))).isNull();
    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1)).flowId()).isEqualTo("900");
    assertThat(anomalies()).singleElement().satisfies(f -> {
      assertThat(f.reasonCode()).isEqualTo(CsfbReasons.FLOW_BINDING_JOIN_KEY_CONFLICT);
      assertThat(f.details()).containsEntry("bound_flow_id", "900").containsEntry("observed_flow_id", "901");
    });
    assertThat(counters()).containsEntry(CsfbCounters.BINDING_CONFLICTS, 1L)
        .containsEntry(CsfbCounters.JOIN_MISSES, 1L);
  }

  @Test
  void shouldApplyAnEventOlderThanItsPartitionsWatermarkAndRecordItAsLate() {
    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 2, T3)));

    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival(RUN, 7, 1, T2)));

    assertThat(driver.get(CsfbTables.FRAMES, key(7, 1)).hasArrival()).isTrue();
    assertThat(driver.rows(CsfbTables.FAILURES)).singleElement().satisfies(e -> {
      assertThat(e.getKey().category()).isEqualTo(CsfbTables.LATE);
      assertThat(e.getValue().reasonCode()).isEqualTo(CsfbReasons.LATE_CONTEXT_EVENT);
      assertThat(e.getValue().details()).containsEntry("applied", true).containsEntry("watermark_utc", T3)
          .containsEntry("event_ts_utc", T2);
    });
    assertThat(counters()).containsEntry(CsfbCounters.LATE, 1L).containsEntry(CsfbCounters.APPLY_FAILURES, 1L)
        .containsEntry(CsfbCounters.HARD_FAILURES, 0L).containsEntry(CsfbCounters.APPLIED, 2L);
    assertThat(CsfbCounters.health(driver.counters(), 0, 0, CsfbThresholds.reference()).state())
        .isEqualTo(HealthState.GREEN);
  }

  static Stream<Arguments> rejected() {
    Map<String, Object> a = arrival(RUN, 7, 1, T1);
    Map<String, Object> f = anchor(RUN, 900, 7, 1, T1);
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("payload", Map.of("pins", Map.of("platform_run_id", RUN)));
    return Stream.of(
        Arguments.of(ARRIVALS, wrapped, CsfbReasons.ENVELOPE_MISSING),
        Arguments.of(ARRIVALS, with(with(a, "platform_run_id", null), "payload", Map.of("pins",
            Map.of("platform_run_id", RUN))), CsfbReasons.PLATFORM_RUN_ID_MISSING),
        Arguments.of(ARRIVALS, with(a, "ts_utc", "2026-01-01 04:24:35"), CsfbReasons.ENVELOPE_INVALID),
        Arguments.of(ARRIVALS, with(a, "event_type", "s3_event_stream_with_fraud_6B"),
            CsfbReasons.EVENT_CLASS_UNSUPPORTED),
        Arguments.of(ANCHORS, a, CsfbReasons.TOPIC_NOT_ALLOWED),
        Arguments.of(ARRIVALS, with(a, "run_id", null), CsfbReasons.REQUIRED_PINS_MISSING),
        Arguments.of(ARRIVALS, withPayload(a, "seed", 43), CsfbReasons.REPLAY_PINS_MISMATCH),
        Arguments.of(ARRIVALS, withPayload(a, "arrival_seq", null), CsfbReasons.JOIN_KEY_MISSING),
        Arguments.of(ARRIVALS, withPayload(a, "arrival_seq", 0), CsfbReasons.PAYLOAD_INVALID),
        Arguments.of(ARRIVALS, withPayload(a, "merchant_id", "m7"), CsfbReasons.PAYLOAD_INVALID),
        Arguments.of(ANCHORS, withPayload(f, "flow_id", null), CsfbReasons.FLOW_ID_MISSING),
        Arguments.of(ANCHORS, withPayload(f, "flow_id", -3), CsfbReasons.PAYLOAD_INVALID));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("rejected")
  void shouldRecordARejectedRecordOnceWithItsReasonAndAdvance(String topic, Map<String, Object> envelope,
                                                             String reason) {
    driver.feedEnvelopes(topic, 0, List.of(envelope));
    String firstId = anomalies().get(0).failureId();

    var again = driver.feed(List.of(new dev.fp.substrate.eventlog.LogRecord(topic, 0, "0", "k",
        CanonicalJson.write(envelope), "")));

    assertThat(anomalies()).singleElement().satisfies(f -> {
      assertThat(f.reasonCode()).isEqualTo(reason);
      assertThat(f.failureId()).isEqualTo(firstId).hasSize(32);
      assertThat(f.topic()).isEqualTo(topic);
      assertThat(f.offset()).isEqualTo("0");
    });
    assertThat(again.writes()).isEmpty();
    assertThat(driver.rows(CsfbTables.FRAMES)).isEmpty();
    assertThat(driver.checkpoint(topic, 0)).isEqualTo("0");
    assertThat(counters()).containsEntry(CsfbCounters.APPLY_FAILURES, 1L)
        .containsEntry(CsfbCounters.HARD_FAILURES, 1L).containsEntry(CsfbCounters.DUPLICATES, 1L)
        .containsEntry(CsfbCounters.APPLIED, 0L);
  }

  @Test
  void shouldSkipRecordsOfAnotherRunAndCheckpointPastThem() {
    driver.feedEnvelopes(ARRIVALS, 0, List.of(arrival("platform_20260101T000001Z", 7, 1, T1),
        arrival(RUN, 7, 1, T1)));

    assertThat(counters()).containsEntry(ShellCounters.SKIPPED_OTHER_RUN, 1L).containsEntry(CsfbCounters.APPLIED, 1L);
    assertThat(anomalies()).isEmpty();
    assertThat(driver.checkpoint(ARRIVALS, 0)).isEqualTo("1");
  }

  @Test
  void shouldBindFromTheBaselineAnchorToo() {
    Map<String, Object> baseline = with(anchor(RUN, 900, 7, 1, T1), "event_type", "s2_flow_anchor_baseline_6B");
    driver.feedEnvelopes(CsfbSamples.BASELINE_ANCHORS, 0, List.of(baseline));

    assertThat(driver.get(CsfbTables.BINDINGS, new BindingKey(RUN, SCENARIO_RUN_ID, "900"))
        .authoritativeSourceEventType()).isEqualTo("s2_flow_anchor_baseline_6B");
  }

  @Test
  void shouldGradeOnlyOverdueMissesConflictsHardFailuresAndLag() {
    CsfbThresholds t = CsfbThresholds.reference();
    Counters edge = new Counters(Map.of(CsfbCounters.JOIN_MISSES, 3L, CsfbCounters.JOIN_HITS, 17L));
    assertThat(CsfbCounters.health(edge, 0, 0, t).state()).isEqualTo(HealthState.GREEN);
    assertThat(CsfbCounters.health(edge, 1, 0, t).reasons()).containsExactly("JOIN_MISSES_AMBER");
    assertThat(CsfbCounters.health(edge, 10, 0, t).reasons()).containsExactly("JOIN_MISSES_RED");
    Counters conflicts = new Counters(Map.of(CsfbCounters.BINDING_CONFLICTS, 5L, CsfbCounters.HARD_FAILURES, 5L));
    assertThat(CsfbCounters.health(conflicts, 0, 0, t).reasons())
        .containsExactly("BINDING_CONFLICTS_RED", "APPLY_FAILURES_HARD_AMBER");
    assertThat(CsfbCounters.health(edge, 0, 90_000, t).reasons()).containsExactly("CHECKPOINT_AGE_AMBER");
    assertThat(CsfbCounters.health(edge, 0, 172_800, t).state()).isEqualTo(HealthState.RED);
  }
}
