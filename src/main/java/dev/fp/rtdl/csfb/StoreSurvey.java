package dev.fp.rtdl.csfb;

import dev.fp.contract.Topics;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.rtdl.csfb.store.FailureRecord;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;

import java.util.List;
import java.util.OptionalLong;

/**
 * What CSFB's artifacts need beyond the counters, read with bounded scans of committed state (never a scan of the
 * run): the first {@value #LIMIT} unresolved anomalies, the event-time watermarks, and the join misses that are
 * overdue.
 *
 * <p><b>The join-miss rule.</b> A binding whose arrival event has not been applied is a join miss (the gauge
 * {@code join_misses}). It is a fault only when the arrival stream has moved past it: WSP streams every output in
 * event-time order, an arrival and its flow anchor carry the same {@code ts_utc}, so once every arrival partition has
 * applied an event later than the anchor, its arrival can no longer come. A binding at or after the arrival
 * watermark is at the edge of what has been streamed — the arrival is still in flight, or {@code --cap N} cut the
 * arrival output before it (each output is cut at N records, and ties in event time may be ordered differently
 * across outputs) — and is not a fault. {@link #overdueMisses} counts the bindings strictly before the arrival
 * watermark (the minimum over the arrival topic's partitions), from {@code csfb_unpaired} ordered by event time;
 * health grades only those.
 */
record StoreSurvey(List<FailureRecord> anomalies, long overdueMisses, boolean overdueAtLeast,
                   OptionalLong arrivalWatermarkMicros, OptionalLong maxWatermarkMicros) {
  static final int LIMIT = 200;
  /** Arrival-stream partitions a run can have (the survey reads every one). */
  private static final int PARTITIONS_MAX = 1_024;

  static StoreSurvey empty() {
    return new StoreSurvey(List.of(), 0, false, OptionalLong.empty(), OptionalLong.empty());
  }

  static Future<StoreSurvey> take(StateStore store, String platformRunId) {
    Future<List<KeyValue<CsfbTables.FailureKey, FailureRecord>>> anomalies = store.scan(CsfbTables.FAILURES,
        KeyRange.prefix(CsfbTables.failurePrefix(platformRunId, CsfbTables.ANOMALY)), LIMIT);
    Future<List<KeyValue<CsfbTables.WatermarkKey, Long>>> marks = store.scan(CsfbTables.WATERMARKS,
        KeyRange.prefix(CsfbTables.runPrefix(platformRunId)), PARTITIONS_MAX);
    return Future.all(anomalies, marks).compose(v -> {
      OptionalLong arrival = marks.result().stream()
          .filter(kv -> kv.key().topic().equals(Topics.CONTEXT_ARRIVAL_EVENTS))
          .mapToLong(KeyValue::value).min();
      OptionalLong max = marks.result().stream().mapToLong(KeyValue::value).max();
      List<FailureRecord> listed = anomalies.result().stream().map(KeyValue::value).toList();
      if (arrival.isEmpty()) {
        return Future.succeededFuture(new StoreSurvey(listed, 0, false, arrival, max));
      }
      return store.scan(CsfbTables.UNPAIRED, KeyRange.between(KeyTuple.of(platformRunId),
              KeyTuple.of(platformRunId, arrival.getAsLong())), LIMIT)
          .map(overdue -> new StoreSurvey(listed, overdue.size(), overdue.size() == LIMIT, arrival, max));
    });
  }
}
