package dev.fp.rtdl.aw;

import dev.fp.contract.Json;
import dev.fp.config.ConfigNode;
import dev.fp.contract.CanonicalJson;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.aw.core.ArchiveRecords;
import dev.fp.rtdl.aw.core.AwSamples;
import dev.fp.rtdl.aw.core.AwCounters;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerEntry;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.WriteBatch;
import dev.fp.testing.ForwardingObjectStore;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fp.platform.stream.StreamPlatform.await;
import static dev.fp.platform.stream.StreamPlatform.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The Archive Writer verticle on a real substrate; each profile's test says which one. */
abstract class ArchiveWriterContractTest {
  /** Fresh per test: the parity tests share one kinesalite, whose topics keep every earlier test's records. */
  final String RUN = freshRunId();
  static final String OTHER_RUN = "platform_20260101T235959Z";
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  static final String ANCHORS = "fp.bus.context.flow_anchor.fraud.v1";
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String FAST = "components:\n  aw:\n    poll_interval_ms: 50\n    artifact_interval_ms: 100\n";

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<String> deployments = new ArrayList<>();
  ArchiveWriterVerticle aw;

  abstract StreamPlatform open(Path dir, String components) throws Exception;

  static String freshRunId() {
    java.time.Instant at = java.time.Instant.parse("2026-01-02T00:00:00Z")
        .plusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 300L * 86_400));
    return "platform_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  @AfterEach
  void stop() throws Exception {
    for (String d : deployments) {
      await(platform.runtime.vertx().undeploy(d));
    }
    platform.close();
  }

  void start(String components) throws Exception {
    platform = open(dir, components);
  }

  AwConfig config() {
    return AwConfig.from(platform.services.config().components().section("aw"));
  }

  ArchiveWriterVerticle deploy(ObjectStore archive) throws Exception {
    aw = new ArchiveWriterVerticle(platform.services, RUN, config(), archive);
    deployments.add(await(platform.runtime.vertx().deployVerticle(aw)));
    return aw;
  }

  void undeploy() throws Exception {
    await(platform.runtime.vertx().undeploy(deployments.remove(deployments.size() - 1)));
  }

  Counters counters() {
    return aw.shell().counters();
  }

  static Map<String, Object> envelope(String run, String eventId) {
    return AwSamples.envelope(run, eventId, Map.of("flow_id", eventId));
  }

  /** Publishes {@code n} envelopes of this run to the topic; returns where they landed. */
  List<EbRef> publish(String topic, String run, int n, String idPrefix) throws Exception {
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      data[i] = CanonicalJson.write(envelope(run, idPrefix + i));
    }
    return platform.publish(topic, data);
  }

  EvidenceWriter archiveReader() {
    return EvidenceWriters.create(platform.runtime.vertx(), platform.runtime.substrate().objectStore(),
        platform.runtime.substrate().stateStore(), config().evidence());
  }

  List<KeyValue<LedgerKey, LedgerEntry>> ledger() throws Exception {
    return await(platform.state().scan(AwTables.LEDGER, KeyRange.prefix(AwTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
  }

  @Test
  void shouldArchiveEveryRecordOfTheRunOnceAndSkipOtherRuns() throws Exception {
    start(FAST);
    List<EbRef> traffic = publish(TRAFFIC, RUN, 5, "t");
    publish(TRAFFIC, OTHER_RUN, 2, "x");
    List<EbRef> anchors = publish(ANCHORS, RUN, 3, "a");

    deploy(platform.runtime.substrate().objectStore());

    eventually(WITHIN, "8 archived", () -> counters().get(AwCounters.ARCHIVED) == 8);
    assertThat(counters().get(AwCounters.SEEN)).isEqualTo(8);
    assertThat(ledger()).hasSize(8);
    EvidenceWriter reader = archiveReader();
    for (EbRef ref : List.of(traffic.get(0), traffic.get(4), anchors.get(2))) {
      LedgerKey key = new LedgerKey(RUN, ref.topic(), ref.partition(), ref.offsetKind(), ref.offset());
      Optional<Map<String, Object>> record = await(reader.read(ArchiveRecords.prefix(key), ArchiveRecords.id(key)));
      assertThat(record).isPresent();
      assertThat(record.get()).containsKey("archived_at_utc").containsEntry("platform_run_id", RUN)
          .containsEntry("payload_hash", await(platform.state().get(AwTables.LEDGER, key)).payloadHash());
      assertThat(record.get().get("origin_offset")).isEqualTo(Map.of("topic", ref.topic(), "partition",
          ref.partition(), "offset", ref.offset(), "offset_kind", ref.offsetKind()));
    }
    eventually(WITHIN, "reconciliation with 8 archived", () -> reconciliationArchived() == 8);
    assertThat(JsonFiles.read(platform.services.config().platformRoot().resolve(RUN)
        .resolve("archive_writer/health/last_health.json"))).containsEntry("health_state", "GREEN");
  }

  @SuppressWarnings("unchecked")
  long reconciliationArchived() {
    Path file = platform.services.config().platformRoot().resolve(RUN).resolve(AwArtifacts.RECONCILIATION);
    if (!file.toFile().isFile()) {
      return -1;
    }
    Map<String, Object> totals = (Map<String, Object>) JsonFiles.read(file).get("totals");
    return ((Number) totals.get("archived_total")).longValue();
  }

  @Test
  void shouldWriteEachRecordAtTheReferencePathInTheObjectLayout() throws Exception {
    start(FAST + "    evidence_layout: object\n");
    List<EbRef> refs = publish(TRAFFIC, RUN, 2, "t");

    deploy(platform.runtime.substrate().objectStore());

    eventually(WITHIN, "2 archived", () -> counters().get(AwCounters.ARCHIVED) == 2);
    String key = RUN + "/archive/events/topic=" + TRAFFIC + "/partition=0/offset_kind=" + refs.get(1).offsetKind()
        + "/offset=" + refs.get(1).offset() + ".json";
    Map<String, Object> stored = Json.readObject(await(platform.runtime.substrate().objectStore()
        .get(AwConfig.BUCKET, key)).getBytes());
    assertThat(stored).containsEntry("event_id", "t1").containsEntry("envelope", envelope(RUN, "t1"));
  }

  @Test
  void shouldChangeNothingWhenTheTopicsAreReplayedFromTrimHorizon() throws Exception {
    start(FAST);
    publish(TRAFFIC, RUN, 4, "t");
    publish(ANCHORS, RUN, 2, "a");
    deploy(platform.runtime.substrate().objectStore());
    eventually(WITHIN, "6 archived", () -> counters().get(AwCounters.ARCHIVED) == 6);
    List<KeyValue<LedgerKey, LedgerEntry>> before = ledger();
    List<String> objectsBefore = archiveObjects();
    undeploy();
    // A checkpoint of another offset kind makes the shell start the partition over from trim_horizon.
    WriteBatch reset = new WriteBatch();
    for (String topic : ArchiveWriter.TOPICS) {
      reset.checkpoint("aw.v0::" + RUN, new TopicPartition(topic, 0), "0", "replayed_kind");
    }
    await(platform.state().commit(reset));

    deploy(platform.runtime.substrate().objectStore());

    eventually(WITHIN, "6 duplicates", () -> counters().get(AwCounters.DUPLICATE) == 6);
    assertThat(counters().get(AwCounters.ARCHIVED)).isEqualTo(6);
    assertThat(counters().get(AwCounters.SEEN)).isEqualTo(12);
    assertThat(ledger()).isEqualTo(before);
    assertThat(archiveObjects()).isEqualTo(objectsBefore);
  }

  List<String> archiveObjects() throws Exception {
    return await(platform.runtime.substrate().objectStore().list(AwConfig.BUCKET, RUN + "/archive/events/")).stream()
        .map(ObjectMeta::key).sorted().toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldKeepTheArchivedRecordCountAMismatchAndRecordItOnceInTheGovernanceLog()
      throws Exception {
    start(FAST);
    List<EbRef> refs = publish(TRAFFIC, RUN, 1, "t");
    LedgerKey key = new LedgerKey(RUN, TRAFFIC, 0, refs.get(0).offsetKind(), refs.get(0).offset());
    Map<String, Object> earlier = new LinkedHashMap<>(Map.of("payload_hash", "e".repeat(64), "event_id", "earlier",
        "event_type", "s3_event_stream_with_fraud_6B"));
    await(archiveReader().write(ArchiveRecords.prefix(key), ArchiveRecords.id(key), earlier));
    deployments.add(await(platform.runtime.vertx().deployVerticle(new dev.fp.obsgov.governance.GovernanceWriterVerticle(
        platform.runtime.substrate(), platform.services.clock()))));

    deploy(platform.runtime.substrate().objectStore());

    eventually(WITHIN, "1 mismatch", () -> counters().get(AwCounters.MISMATCH) == 1);
    eventually(WITHIN, "the mismatch in the governance log", () -> anomalies().size() == 1);
    await(platform.runtime.vertx().timer(500)); // several sweeps of the committed mismatch row later
    String observed = await(platform.state().scan(AwTables.MISMATCHES, KeyRange.prefix(AwTables.runPrefix(RUN)), 1))
        .get(0).key().observedPayloadHash();
    assertThat(anomalies()).singleElement().satisfies(e -> assertThat((Map<String, Object>) e.get("details"))
        .containsEntry("anomaly_kind", "REPLAY_BASIS_MISMATCH").containsEntry("offset", key.offset())
        .containsEntry("observed_payload_hash", observed));
    assertThat(counters().get(AwCounters.ARCHIVED)).isZero();
    assertThat(await(platform.state().get(AwTables.LEDGER, key)).payloadHash()).isEqualTo("e".repeat(64));
    assertThat(await(archiveReader().read(ArchiveRecords.prefix(key), ArchiveRecords.id(key))))
        .hasValueSatisfying(r -> assertThat(r).containsEntry("event_id", "earlier"));
    Path health = platform.services.config().platformRoot().resolve(RUN)
        .resolve("archive_writer/health/last_health.json");
    eventually(WITHIN, "health RED", () -> health.toFile().isFile()
        && "RED".equals(JsonFiles.read(health).get("health_state")));
  }

  /** The run's CORRIDOR_ANOMALY events in the governance log (none while it cannot be read). */
  List<Map<String, Object>> anomalies() {
    try {
      return await(dev.fp.obsgov.governance.GovernanceReader.query(platform.runtime.substrate().objectStore(), RUN,
          new dev.fp.obsgov.governance.core.GovernanceQuery("CORRIDOR_ANOMALY", null, 0)));
    } catch (Exception e) {
      return List.of();
    }
  }

  @Test
  void shouldHoldTheCheckpointAndRereadWhileArchiveWritesFailThenArchiveEverything() throws Exception {
    start(FAST);
    publish(TRAFFIC, RUN, 3, "t");
    AtomicInteger failures = new AtomicInteger();
    // The first two archive writes are applied but answer an error ("applied, then failed"): the batch is re-read.
    ObjectStore flaky = new ForwardingObjectStore(platform.runtime.substrate().objectStore(), "/archive/events/",
        key -> failures.incrementAndGet() <= 2 ? Future.failedFuture(new IllegalStateException("connection reset"))
            : Future.succeededFuture());

    deploy(flaky);

    eventually(WITHIN, "3 archived", () -> counters().get(AwCounters.ARCHIVED) == 3
        && aw.shell().checkpoints().get(new TopicPartition(TRAFFIC, 0)) != null);
    assertThat(counters().get(AwCounters.WRITE_ERROR)).isGreaterThanOrEqualTo(1);
    assertThat(counters().get(AwCounters.MISMATCH)).isZero();
    assertThat(ledger()).hasSize(3);
    assertThat(AwCounters.health(counters()).reasons()).containsExactly("ARCHIVE_WRITE_ERROR_NONZERO");
  }

  @Test
  void shouldRefuseUnknownConfigurationKeys() throws Exception {
    start("components:\n  aw:\n    evidence_layuot: object\n");
    ConfigNode aw = platform.services.config().components().section("aw");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwConfig.from(aw))
        .hasMessageContaining("evidence_layuot");
  }
}
