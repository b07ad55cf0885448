package dev.fp.rtdl.aw.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerEntry;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.rtdl.aw.store.MismatchEntry;
import dev.fp.substrate.eventlog.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Archive Writer's core under the synchronous driver: ledger outcomes, counters, the archive record. */
class ArchiveCoreTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  final ProcessorDriver<ArchiveWrite> driver = new ProcessorDriver<>(new ArchiveCore(), RUN)
      .withCounterNames(AwCounters.ALL);

  static Map<String, Object> envelope(String run, String eventId, double amount) {
    return AwSamples.envelope(run, eventId, Map.of("flow_id", "f1", "amount", amount));
  }

  @Test
  void shouldArchiveANewOffsetOnceAndRecordItInTheLedger() {
    Map<String, Object> env = envelope(RUN, "e1", 12.5);

    BatchState<ArchiveWrite> batch = driver.feedEnvelopes(TRAFFIC, 0, List.of(env));

    LedgerKey key = new LedgerKey(RUN, TRAFFIC, 0, "file_line", "0");
    String hash = Hashing.sha256Hex(CanonicalJson.write(env));
    assertThat(driver.get(AwTables.LEDGER, key)).isEqualTo(new LedgerEntry(hash, "e1", "s3_event_stream_with_fraud_6B"));
    assertThat(batch.effects()).singleElement().satisfies(w -> {
      assertThat(w.prefix()).isEqualTo(RUN + "/archive/events/topic=fp.bus.traffic.fraud.v1/partition=0/offset_kind=file_line");
      assertThat(w.id()).isEqualTo("offset=0");
      assertThat(w.payloadHash()).isEqualTo(hash);
      assertThat(w.body()).containsEntry("seed", "42").containsEntry("payload_hash", hash)
          .containsEntry("origin_offset", Map.of("topic", TRAFFIC, "partition", 0, "offset", "0", "offset_kind",
              "file_line"))
          .containsEntry("event_id", "e1").containsEntry("platform_run_id", RUN).doesNotContainKey("archived_at_utc");
      assertThat(w.body().get("envelope")).isEqualTo(env);
    });
    assertThat(counters()).containsEntry(AwCounters.SEEN, 1L).containsEntry(AwCounters.ARCHIVED, 1L)
        .containsEntry(AwCounters.DUPLICATE, 0L).containsEntry(AwCounters.MISMATCH, 0L);
  }

  @Test
  void shouldCountTheSameOffsetWithTheSameEnvelopeAsADuplicateWithoutWritingAgain() {
    String data = CanonicalJson.write(envelope(RUN, "e1", 12.5));
    driver.feed(List.of(new LogRecord(TRAFFIC, 0, "7", "k", data, "")));

    BatchState<ArchiveWrite> replay = driver.feed(List.of(new LogRecord(TRAFFIC, 0, "7", "k", data, "")));

    assertThat(replay.effects()).isEmpty();
    assertThat(replay.writes()).as("the ledger is not rewritten")
        .noneMatch(w -> w.table().name().equals(AwTables.LEDGER.name()));
    assertThat(counters()).containsEntry(AwCounters.SEEN, 2L).containsEntry(AwCounters.ARCHIVED, 1L)
        .containsEntry(AwCounters.DUPLICATE, 1L);
  }

  @Test
  void shouldRecordAnotherEnvelopeAtAnArchivedOffsetAsAMismatchAndKeepTheArchivedOne() {
    Map<String, Object> first = envelope(RUN, "e1", 12.5);
    Map<String, Object> other = envelope(RUN, "e1", 99.0);
    driver.feed(List.of(new LogRecord(TRAFFIC, 0, "7", "k", CanonicalJson.write(first), "")));

    BatchState<ArchiveWrite> again = driver.feed(List.of(new LogRecord(TRAFFIC, 0, "7", "k",
        CanonicalJson.write(other), "")));

    LedgerKey key = new LedgerKey(RUN, TRAFFIC, 0, "file_line", "7");
    String firstHash = ArchiveRecords.payloadHash(first);
    String otherHash = ArchiveRecords.payloadHash(other);
    assertThat(again.effects()).isEmpty();
    assertThat(driver.get(AwTables.LEDGER, key).payloadHash()).isEqualTo(firstHash);
    assertThat(driver.get(AwTables.MISMATCHES, new AwTables.MismatchKey(key, otherHash))).isEqualTo(
        new MismatchEntry(TRAFFIC, 0, "file_line", "7", firstHash, otherHash, "e1", "s3_event_stream_with_fraud_6B"));
    assertThat(counters()).containsEntry(AwCounters.MISMATCH, 1L).containsEntry(AwCounters.ARCHIVED, 1L);
    assertThat(AwCounters.health(driver.counters()).state()).isEqualTo(HealthState.RED);
    assertThat(AwCounters.health(driver.counters()).reasons()).containsExactly("REPLAY_BASIS_MISMATCH_NONZERO");
  }

  @Test
  void shouldSkipOtherRunsAndUndecodableRecordsButCheckpointPastThem() {
    BatchState<ArchiveWrite> batch = driver.feed(List.of(
        driver.record(TRAFFIC, 0, CanonicalJson.write(envelope("platform_20251231T000000Z", "x", 1.0))),
        driver.record(TRAFFIC, 0, "not json"),
        driver.record(TRAFFIC, 0, CanonicalJson.write(envelope(RUN, "e2", 2.0)))));

    assertThat(batch.effects()).extracting(ArchiveWrite::id).containsExactly("offset=2");
    assertThat(driver.checkpoint(TRAFFIC, 0)).isEqualTo("2");
    assertThat(counters()).containsEntry(AwCounters.SEEN, 1L).containsEntry(AwCounters.ARCHIVED, 1L)
        .containsEntry(ShellCounters.SKIPPED_OTHER_RUN, 1L).containsEntry(ShellCounters.SKIPPED_UNDECODABLE, 1L)
        .containsEntry(ShellCounters.RECORDS, 3L);
  }

  @Test
  void shouldArchiveTheWrappedEnvelopeWhenTheRecordCarriesItAsPayload() {
    Map<String, Object> inner = envelope(RUN, "e3", 3.0);
    Map<String, Object> wrapper = Map.of("platform_run_id", RUN, "payload", inner);

    BatchState<ArchiveWrite> batch = driver.feedEnvelopes(TRAFFIC, 0, List.of(wrapper));

    assertThat(batch.effects()).singleElement().satisfies(w -> {
      assertThat(w.body().get("envelope")).isEqualTo(inner);
      assertThat(w.payloadHash()).isEqualTo(ArchiveRecords.payloadHash(inner));
    });
  }

  @Test
  void shouldCountAnInRunRecordWithoutTheEightFieldsAsIncompleteAndArchiveNothing() {
    Map<String, Object> partial = new LinkedHashMap<>(envelope(RUN, "e4", 4.0));
    partial.remove("scenario_run_id");

    BatchState<ArchiveWrite> batch = driver.feedEnvelopes(TRAFFIC, 0, List.of(partial));

    assertThat(batch.effects()).isEmpty();
    assertThat(driver.rows(AwTables.LEDGER)).isEmpty();
    assertThat(counters()).containsEntry(AwCounters.SEEN, 1L).containsEntry(AwCounters.INCOMPLETE, 1L)
        .containsEntry(AwCounters.ARCHIVED, 0L);
  }

  @Test
  void shouldMapPathTokensLikeTheReference() {
    assertThat(ArchiveRecords.token("fp.bus.traffic.fraud.v1")).isEqualTo("fp.bus.traffic.fraud.v1");
    assertThat(ArchiveRecords.token("a/b c:d")).isEqualTo("a_b_c:d");
    assertThat(ArchiveRecords.token("")).isEqualTo("_");
  }

  @Test
  void shouldBeGreenWithoutMismatchOrWriteErrorsAndRedOnWriteErrors() {
    assertThat(AwCounters.health(Counters.zero(AwCounters.ALL)).state()).isEqualTo(HealthState.GREEN);
    Counters failed = Counters.zero(AwCounters.ALL).plus(Map.of(AwCounters.WRITE_ERROR, 1L));
    assertThat(AwCounters.health(failed).state()).isEqualTo(HealthState.RED);
    assertThat(AwCounters.health(failed).reasons()).containsExactly("ARCHIVE_WRITE_ERROR_NONZERO");
    assertThat(AwCounters.health(failed).metrics()).containsOnlyKeys(AwCounters.REFERENCE);
  }

  private Map<String, Long> counters() {
    return driver.counters().values();
  }
}
