package dev.fp.rtdl.aw;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.aw.core.ArchiveRecords;
import dev.fp.rtdl.aw.core.AwCounters;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerEntry;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fp.platform.stream.StreamPlatform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Archive Writer under SIGKILL: a child JVM projects a pre-filled log and is killed mid-projection three times;
 * after a last run to the end, the ledger, the archive and the counters are exactly those of a run that was never
 * killed — one ledger row and one archive record per in-run record, nothing counted twice, other runs skipped.
 */
class AwCrashTest {
  static final String RUN = "platform_20260103T000000Z";
  static final String OTHER_RUN = "platform_20260103T000001Z";
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  static final String ANCHORS = "fp.bus.context.flow_anchor.fraud.v1";
  static final int TRAFFIC_RECORDS = 2000;
  static final int ANCHOR_RECORDS = 1000;
  static final int OTHER_RECORDS = 200;
  static final String COMPONENTS = "components:\n  aw:\n    read_batch_max: 40\n    poll_interval_ms: 20\n"
      + "    lease_ttl_ms: 1000\n";

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldEndWithTheLedgerCountersAndArchiveOfAnUninterruptedRunAfterKill9s() throws Exception {
    Map<LedgerKey, String> expected = prefill();
    long total = TRAFFIC_RECORDS + ANCHOR_RECORDS + OTHER_RECORDS;

    for (long killAt : new long[] {400, 1300, 2500}) {
      runChildUntil(killAt, total);
    }
    runChildUntil(total, total);

    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      List<KeyValue<LedgerKey, LedgerEntry>> ledger = await(p.state().scan(AwTables.LEDGER,
          KeyRange.prefix(AwTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT));
      Map<LedgerKey, String> actual = new LinkedHashMap<>();
      ledger.forEach(kv -> actual.put(kv.key(), kv.value().payloadHash()));
      assertThat(actual).isEqualTo(expected);
      Counters c = await(CountersTable.read(p.state(), RUN, ArchiveWriter.NAME, AwCounters.ALL));
      assertThat(c.values()).containsEntry(AwCounters.SEEN, 3000L).containsEntry(AwCounters.ARCHIVED, 3000L)
          .containsEntry(AwCounters.DUPLICATE, 0L).containsEntry(AwCounters.MISMATCH, 0L)
          .containsEntry(AwCounters.WRITE_ERROR, 0L).containsEntry(ShellCounters.RECORDS, total)
          .containsEntry(ShellCounters.SKIPPED_OTHER_RUN, (long) OTHER_RECORDS);
      assertThat(await(p.state().checkpoints("aw.v0::" + RUN)).get(new TopicPartition(TRAFFIC, 0)).offset())
          .isEqualTo(String.valueOf(TRAFFIC_RECORDS + OTHER_RECORDS - 1));
      EvidenceWriter archive = EvidenceWriters.create(p.runtime.vertx(), p.runtime.substrate().objectStore(),
          p.runtime.substrate().stateStore(), AwConfig.from(p.services.config().components().section("aw")).evidence());
      for (LedgerKey k : List.of(ledger.get(0).key(), ledger.get(1500).key(), ledger.get(2999).key())) {
        assertThat(await(archive.read(ArchiveRecords.prefix(k), ArchiveRecords.id(k))))
            .hasValueSatisfying(r -> assertThat(r).containsEntry("payload_hash", expected.get(k)));
      }
    }
  }

  /** Publishes the run's records (other-run records between them on the traffic topic); returns the expected ledger. */
  private Map<LedgerKey, String> prefill() throws Exception {
    Map<LedgerKey, String> expected = new java.util.TreeMap<>(java.util.Comparator.comparing(
        (LedgerKey k) -> java.util.HexFormat.of().formatHex(AwTables.LEDGER.keys().encode(k))));
    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      for (int batch = 0; batch < 10; batch++) {
        publish(p, TRAFFIC, RUN, TRAFFIC_RECORDS / 10, "t" + batch + "_", expected);
        publish(p, TRAFFIC, OTHER_RUN, OTHER_RECORDS / 10, "o" + batch + "_", new LinkedHashMap<>());
        publish(p, ANCHORS, RUN, ANCHOR_RECORDS / 10, "a" + batch + "_", expected);
      }
    }
    return expected;
  }

  private static void publish(StreamPlatform p, String topic, String run, int n, String idPrefix,
                              Map<LedgerKey, String> expected) throws Exception {
    List<Map<String, Object>> envelopes = new ArrayList<>();
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      envelopes.add(ArchiveWriterContractTest.envelope(run, idPrefix + i));
      data[i] = CanonicalJson.write(envelopes.get(i));
    }
    List<EbRef> refs = p.publish(topic, data);
    for (int i = 0; i < n; i++) {
      EbRef r = refs.get(i);
      expected.put(new LedgerKey(run, topic, r.partition(), r.offsetKind(), r.offset()),
          ArchiveRecords.payloadHash(envelopes.get(i)));
    }
  }

  /** Starts a child, waits until it has committed at least {@code records}, then kills it with SIGKILL. */
  private void runChildUntil(long records, long total) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), AwCrashChild.class.getName(), dir.toString(), RUN)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      long committed = -1;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("COMMITTED ")) {
          committed = Long.parseLong(line.split(" ")[1]);
          if (committed >= records) {
            break;
          }
        }
      }
      assertThat(committed).as("records committed before the kill").isGreaterThanOrEqualTo(Math.min(records, total));
    } finally {
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

}
