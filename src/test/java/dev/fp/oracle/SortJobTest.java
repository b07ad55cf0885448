package dev.fp.oracle;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.StreamViewDocs;
import dev.fp.oraclestore.LocalRoot;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.world.TestWorlds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream sort of generated outputs: order, documents, idempotency and every conflict code. */
class SortJobTest {
  private static final String TRAFFIC = "s3_event_stream_with_fraud_6B";

  @TempDir
  Path temp;

  @Test
  void shouldWriteATimeOrderedViewWithReceiptAndManifest() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    SortJob.Outcome o = OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    assertThat(o.skipped()).isFalse();
    assertThat(o.rows()).isEqualTo(2 * TestWorlds.SMALL.flows());
    Path view = Path.of(engine.uri(), "stream_view/ts_utc/output_id=" + TRAFFIC);
    List<Path> parts;
    try (var s = Files.list(view)) {
      parts = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    assertThat(parts).hasSize(2);
    List<Map<String, Object>> rows = TestWorlds.rows(parts);
    List<String> ts = rows.stream().map(r -> (String) r.get("ts_utc")).toList();
    assertThat(ts).isSorted();
    assertThat(rows.get(0).keySet()).doesNotContain("filename", "file_row_number");
    Map<String, Object> receipt = JsonDoc.parse(Files.readAllBytes(view.resolve(StreamViewDocs.RECEIPT)))
        .orElseThrow();
    assertThat(receipt).containsEntry("status", "OK").containsEntry("output_id", TRAFFIC)
        .containsEntry("stream_view_id", StreamViewDocs.streamViewId(engine.uri(), "baseline_v1", TRAFFIC))
        .containsEntry("sort_keys", List.of("ts_utc", "filename", "file_row_number"))
        .containsEntry("partition_granularity", "flat");
    assertThat(receipt.get("raw_stats")).isEqualTo(receipt.get("sorted_stats"));
    Map<String, Object> manifest = JsonDoc.parse(Files.readAllBytes(view.resolve(StreamViewDocs.MANIFEST)))
        .orElseThrow();
    assertThat(manifest).containsKeys("engine_run_id", "world_key", "stream_view_id");
  }

  @Test
  void shouldSkipAnOutputWithAValidReceiptWithoutTouchingIt() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    Path receipt = Path.of(engine.uri(), "stream_view/ts_utc/output_id=" + TRAFFIC, StreamViewDocs.RECEIPT);
    byte[] before = Files.readAllBytes(receipt);
    SortJob.Outcome again = OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    assertThat(again.skipped()).isTrue();
    assertThat(again.rows()).isEqualTo(2 * TestWorlds.SMALL.flows());
    assertThat(Files.readAllBytes(receipt)).isEqualTo(before);
  }

  @Test
  void shouldRestoreAMissingManifestWhenTheReceiptIsValid() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    Path manifest = Path.of(engine.uri(), "stream_view/ts_utc/output_id=" + TRAFFIC, StreamViewDocs.MANIFEST);
    Files.delete(manifest);
    assertThat(OracleFixtures.sortJob(engine, temp).sort(TRAFFIC).skipped()).isTrue();
    assertThat(manifest).exists();
  }

  @Test
  void shouldFailWithReceiptMismatchOnATamperedReceipt() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    OracleRoot view = engine.resolve("stream_view/ts_utc");
    String key = SortJob.outputPrefix(TRAFFIC) + StreamViewDocs.RECEIPT;
    Map<String, Object> receipt = new LinkedHashMap<>(JsonDoc.parse(view.read(key).orElseThrow()).orElseThrow());
    receipt.put("source_locator_digest", "0".repeat(64));
    view.write(key, JsonDoc.write(receipt));
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort(TRAFFIC), "STREAM_RECEIPT_MISMATCH",
        "delete only");
  }

  @Test
  void shouldFailWithReceiptMismatchWhenAListedPartIsGone() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    Files.delete(Path.of(engine.uri(), "stream_view/ts_utc/output_id=" + TRAFFIC, "part-000001.parquet"));
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort(TRAFFIC), "STREAM_RECEIPT_MISMATCH", "delete only");
  }

  @Test
  void shouldFailWithPartialExistsThenSucceedOnceOnlyThatPrefixIsDeleted() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort("arrival_events_5B");
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    OracleRoot view = engine.resolve("stream_view/ts_utc");
    view.deletePrefix(SortJob.outputPrefix(TRAFFIC) + StreamViewDocs.RECEIPT);
    view.deletePrefix(SortJob.outputPrefix(TRAFFIC) + StreamViewDocs.MANIFEST);
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort(TRAFFIC), "STREAM_VIEW_PARTIAL_EXISTS",
        "output_id=" + TRAFFIC);
    view.deletePrefix(SortJob.outputPrefix(TRAFFIC));
    assertThat(OracleFixtures.sortJob(engine, temp).sort(TRAFFIC).skipped()).isFalse();
    assertThat(OracleFixtures.sortJob(engine, temp).sort("arrival_events_5B").skipped()).isTrue();
  }

  @Test
  void shouldFailWithReceiptMissingWhenOnlyTheManifestExists() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    OracleFixtures.sortJob(engine, temp).sort(TRAFFIC);
    engine.resolve("stream_view/ts_utc").deletePrefix(SortJob.outputPrefix(TRAFFIC) + StreamViewDocs.RECEIPT);
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort(TRAFFIC), "STREAM_RECEIPT_MISSING", "delete only");
  }

  @Test
  void shouldRejectUnknownAndEmptyOutputs() throws Exception {
    LocalRoot engine = OracleFixtures.freshWorld();
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort("no_such_output"), "OUTPUT_UNKNOWN", "catalogue");
    engine.deletePrefix("data/layer3/6B/s1_arrival_entities_6B/");
    assertCode(() -> OracleFixtures.sortJob(engine, temp).sort("s1_arrival_entities_6B"), "OUTPUT_PATHS_EMPTY",
        "sync");
  }

  static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String remedy) {
    assertThatThrownBy(call).isInstanceOfSatisfying(OracleException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.remedy()).contains(remedy);
    });
  }
}
