package dev.fp.platform.stream.core;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure batch machinery every core runs under: gate, overlay, counters, all-or-nothing batches. */
class ProcessorDriverTest {
  static final String RUN = "platform_20260101T000000Z";
  static final Table<String, Long> COUNTS = new Table<>("ex_counts", KeyCodec.utf8(), ValueCodec.json(Long.class));

  /** The javadoc example of StreamProcessor: count events per type, emit the event id. */
  static final StreamProcessor<String> PER_TYPE = new StreamProcessor<>() {
    @Override
    public void prefetch(StreamRecord r, KeyRequests keys) {
      keys.need(COUNTS, r.eventType());
    }

    @Override
    public void apply(StreamRecord r, ProcessorContext<String> ctx) {
      Long n = ctx.get(COUNTS, r.eventType());
      ctx.put(COUNTS, r.eventType(), n == null ? 1 : n + 1);
      ctx.count("events_total", 1);
      ctx.emit(r.eventId());
    }
  };

  static Map<String, ?> env(String id, String type) {
    return Map.of("event_id", id, "event_type", type, "platform_run_id", RUN);
  }

  @Test
  void shouldLetLaterRecordsOfABatchReadTheBatchsEarlierWrites() {
    ProcessorDriver<String> d = new ProcessorDriver<>(PER_TYPE, RUN);

    BatchState<String> batch = d.feedEnvelopes("t", 0, List.of(env("e1", "x"), env("e2", "x"), env("e3", "y")));

    assertThat(d.get(COUNTS, "x")).isEqualTo(2L);
    assertThat(d.get(COUNTS, "y")).isEqualTo(1L);
    assertThat(batch.writes()).hasSize(2);
    assertThat(batch.effects()).containsExactly("e1", "e2", "e3");
    assertThat(d.counters().get("events_total")).isEqualTo(3);
    assertThat(d.checkpoint("t", 0)).isEqualTo("2");
  }

  @Test
  void shouldHandApplyWhatPrefetchExaminedOncePerRecord() {
    java.util.concurrent.atomic.AtomicInteger examinations = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Function<StreamRecord, String> examine = r -> {
      examinations.incrementAndGet();
      return r.eventType() + "#" + r.eventId();
    };
    StreamProcessor<String> p = new StreamProcessor<>() {
      @Override
      public void prefetch(StreamRecord r, KeyRequests keys) {
        keys.examined(r, examine);
      }

      @Override
      public void apply(StreamRecord r, ProcessorContext<String> ctx) {
        ctx.emit(ctx.examined(r, examine));
      }
    };
    ProcessorDriver<String> d = new ProcessorDriver<>(p, RUN);

    BatchState<String> batch = d.feedEnvelopes("t", 0, List.of(env("e1", "x"), env("e2", "y")));

    assertThat(batch.effects()).containsExactly("x#e1", "y#e2");
    assertThat(examinations).hasValue(2);
  }

  /** Keys of a batch are told apart by value: an equal key object built again reads the batch's own write. */
  @Test
  void shouldMatchEqualKeyObjectsInTheOverlay() {
    record Pair(String a, int b) {
    }
    Table<Pair, Long> pairs = new Table<>("ex_pairs", KeyCodec.of(k -> dev.fp.substrate.state.KeyTuple.of(k.a(), k.b()),
        b -> { throw new UnsupportedOperationException(); }), ValueCodec.json(Long.class));
    StreamProcessor<Void> p = new StreamProcessor<>() {
      @Override
      public void prefetch(StreamRecord r, KeyRequests keys) {
        keys.need(pairs, new Pair(r.eventType(), 1));
      }

      @Override
      public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
        Long n = ctx.get(pairs, new Pair(r.eventType(), 1));
        ctx.put(pairs, new Pair(r.eventType(), 1), n == null ? 1 : n + 1);
      }
    };
    ProcessorDriver<Void> d = new ProcessorDriver<>(p, RUN);

    BatchState<Void> batch = d.feedEnvelopes("t", 0, List.of(env("e1", "x"), env("e2", "x")));

    assertThat(batch.writes()).singleElement().extracting(BatchState.Write::value).isEqualTo(2L);
  }

  /** Counts like PER_TYPE, but holds a record whose enrichment says WAIT. */
  static final StreamProcessor<String> WAITING = new StreamProcessor<>() {
    @Override
    public void prefetch(StreamRecord r, KeyRequests keys) {
      PER_TYPE.prefetch(r, keys);
    }

    @Override
    public void apply(StreamRecord r, ProcessorContext<String> ctx) {
      if ("WAIT".equals(ctx.enrichment(r))) {
        ctx.hold(r, 250, "no context yet");
        return;
      }
      PER_TYPE.apply(r, ctx);
    }
  };

  @Test
  void shouldCutOnlyTheHoldingRecordsPartitionAndCheckpointUpToTheRecordBeforeIt() {
    ProcessorDriver<String> d = new ProcessorDriver<>(WAITING, RUN).withEnrichment((records, reads) -> {
      Map<StreamRecord, Object> out = new java.util.HashMap<>();
      records.forEach(r -> out.put(r, r.eventId().startsWith("w") ? "WAIT" : "GO"));
      return out;
    });
    List<dev.fp.substrate.eventlog.LogRecord> records = List.of(
        d.record("t", 0, dev.fp.contract.CanonicalJson.write(env("a1", "x"))),
        d.record("t", 0, dev.fp.contract.CanonicalJson.write(env("w2", "x"))),
        d.record("t", 0, dev.fp.contract.CanonicalJson.write(env("a3", "x"))),
        d.record("t", 1, dev.fp.contract.CanonicalJson.write(env("b1", "y"))),
        d.record("t", 1, dev.fp.contract.CanonicalJson.write(env("b2", "y"))));

    BatchState<String> batch = d.feed(records);

    assertThat(batch.effects()).containsExactly("a1", "b1", "b2");
    assertThat(d.get(COUNTS, "x")).isEqualTo(1L);
    assertThat(d.get(COUNTS, "y")).isEqualTo(2L);
    assertThat(d.checkpoint("t", 0)).isEqualTo("0");
    assertThat(d.checkpoint("t", 1)).isEqualTo("1");
    assertThat(d.counters().get(ShellCounters.RECORDS)).isEqualTo(3);
  }

  @Test
  void shouldCommitNoCheckpointForAPartitionWhoseFirstRecordHolds() {
    ProcessorDriver<String> d = new ProcessorDriver<>(WAITING, RUN).withEnrichment((records, reads) -> {
      Map<StreamRecord, Object> out = new java.util.HashMap<>();
      records.forEach(r -> out.put(r, "WAIT"));
      return out;
    });

    BatchState<String> batch = d.feedEnvelopes("t", 0, List.of(env("w1", "x"), env("a2", "x")));

    assertThat(batch.effects()).isEmpty();
    assertThat(d.checkpoint("t", 0)).isNull();
    assertThat(d.counters().get(ShellCounters.RECORDS)).isZero();
  }

  @Test
  void shouldCommitNothingOfABatchWhoseEffectsFail() {
    ProcessorDriver<String> d = new ProcessorDriver<>(PER_TYPE, RUN).withEffects((effects, batch) -> {
      throw new IllegalStateException("store down");
    });

    assertThatThrownBy(() -> d.feedEnvelopes("t", 0, List.of(env("e1", "x")))).hasMessage("store down");

    assertThat(d.get(COUNTS, "x")).isNull();
    assertThat(d.counters().get("events_total")).isZero();
    assertThat(d.checkpoint("t", 0)).isNull();
  }

  @Test
  void shouldRefuseAReadOfAKeyThePrefetchDidNotName() {
    StreamProcessor<Void> sloppy = new StreamProcessor<>() {
      @Override
      public void prefetch(StreamRecord r, KeyRequests keys) {
      }

      @Override
      public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
        ctx.get(COUNTS, "x");
      }
    };

    assertThatThrownBy(() -> new ProcessorDriver<>(sloppy, RUN).feedEnvelopes("t", 0, List.of(env("e1", "x"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ex_counts: key x was not prefetched");
  }

  @Test
  void shouldReadTheRunIdFromThePayloadPinsWhenTheEnvelopeHasNone() {
    RunScope scope = new RunScope(RUN);

    RunScope.Gated pinned = scope.gate("t", 0, "0", "file_line", "",
        "{\"event_id\":\"e\",\"payload\":{\"pins\":{\"platform_run_id\":\"" + RUN + "\"}}}");
    RunScope.Gated array = scope.gate("t", 0, "1", "file_line", "", "[1,2]");
    RunScope.Gated none = scope.gate("t", 0, "2", "file_line", "", "{\"event_id\":\"e\"}");

    assertThat(pinned.verdict()).isEqualTo(RunScope.Verdict.ACCEPTED);
    assertThat(array.verdict()).isEqualTo(RunScope.Verdict.UNDECODABLE);
    assertThat(array.error()).startsWith("not a JSON object: Cannot deserialize");
    assertThat(none.verdict()).isEqualTo(RunScope.Verdict.NO_RUN_ID);
  }
}
