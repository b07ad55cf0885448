package dev.fp.rtdl.ofp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Topics;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ofp.core.FeaturePolicy;
import dev.fp.rtdl.ofp.core.OfpCore;
import dev.fp.rtdl.ofp.core.OfpCounters;
import dev.fp.rtdl.ofp.core.OfpSamples;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fp.platform.stream.StreamPlatform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OFP under SIGKILL: a child JVM projects a pre-filled log (anchors and traffic of one run, traffic of another) and is
 * killed mid-projection three times; after a last run to the end, the flow and feature rows are exactly those the
 * core computes from the same records in one uninterrupted pass, and every record is counted once.
 */
class OfpCrashTest {
  static final String RUN = "platform_20260103T000000Z";
  static final String OTHER_RUN = "platform_20260103T000001Z";
  static final int FLOWS = 600;
  static final int OTHER_TRAFFIC = 100;
  static final String COMPONENTS = "components:\n  ofp:\n    read_batch_max: 40\n    poll_interval_ms: 20\n"
      + "    lease_ttl_ms: 1000\n";

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldEndWithTheStateAndCountersOfAnUninterruptedRunAfterKill9s() throws Exception {
    Files.createDirectories(dir.resolve("ofp"));
    Files.copy(Path.of("conf/ofp/features.yaml"), dir.resolve("ofp/features.yaml"));
    List<Map<String, ?>> anchors = new ArrayList<>();
    List<Map<String, ?>> traffic = new ArrayList<>();
    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      for (int batch = 0; batch < 10; batch++) {
        List<String> a = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (int f = batch * FLOWS / 10 + 1; f <= (batch + 1) * FLOWS / 10; f++) {
          String ts = String.format("2026-01-01T%02d:%02d:00.000000Z", f / 60 % 24, f % 60);
          anchors.add(OfpSamples.anchor(RUN, "a" + f, f, f % 37, f % 53, 9000 + f % 11, ts));
          traffic.add(OfpSamples.traffic(RUN, "q" + f, f, "AUTH_REQUEST", ts, f % 8 + 0.99));
          traffic.add(OfpSamples.traffic(RUN, "r" + f, f, "AUTH_RESPONSE", ts, f % 8 + 0.99));
          a.add(CanonicalJson.write(anchors.get(anchors.size() - 1)));
          t.add(CanonicalJson.write(traffic.get(traffic.size() - 2)));
          t.add(CanonicalJson.write(traffic.get(traffic.size() - 1)));
        }
        for (int o = 0; o < OTHER_TRAFFIC / 10; o++) {
          t.add(CanonicalJson.write(OfpSamples.traffic(OTHER_RUN, "o" + batch + "_" + o, 1, "AUTH_REQUEST",
              "2026-01-01T00:00:00.000000Z", 1.0)));
        }
        p.publish(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, a.toArray(String[]::new));
        p.publish(Topics.TRAFFIC_FRAUD, t.toArray(String[]::new));
      }
    }
    long total = 3L * FLOWS + OTHER_TRAFFIC;

    for (long killAt : new long[] {300, 900, 1500}) {
      runChildUntil(killAt, total);
    }
    runChildUntil(total, total);

    FeaturePolicy policy = OnlineFeaturePlane.loadPolicy(
        dev.fp.platform.config.ConfigLoader.load("t", dir, Map.of()), OfpConfig.from(
            dev.fp.platform.config.ConfigLoader.load("t", dir, Map.of()).components().section("ofp")));
    ProcessorDriver<Void> uninterrupted = new ProcessorDriver<>(new OfpCore(policy, 0, 100), RUN);
    uninterrupted.feedEnvelopes(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, 0, anchors);
    uninterrupted.feedEnvelopes(Topics.TRAFFIC_FRAUD, 0, traffic);
    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      assertThat(stored(p, OfpTables.FEATURES)).isEqualTo(expected(uninterrupted, OfpTables.FEATURES));
      assertThat(stored(p, OfpTables.FLOWS)).isEqualTo(expected(uninterrupted, OfpTables.FLOWS));
      assertThat(stored(p, OfpTables.DEDUPE)).hasSize(3 * FLOWS);
      Counters c = await(CountersTable.read(p.state(), RUN, OnlineFeaturePlane.NAME, OfpCounters.ALL));
      assertThat(c.values()).containsEntry(OfpCounters.SEEN, 2L * FLOWS).containsEntry(OfpCounters.APPLIED,
              2L * FLOWS).containsEntry(OfpCounters.DUPLICATES, 0L).containsEntry(OfpCounters.MISMATCH, 0L)
          .containsEntry(OfpCounters.ANCHORS_APPLIED, (long) FLOWS).containsEntry(ShellCounters.RECORDS, total)
          .containsEntry(ShellCounters.SKIPPED_OTHER_RUN, (long) OTHER_TRAFFIC);
      assertThat(await(p.state().checkpoints("ofp.v0::" + RUN)).get(new TopicPartition(Topics.TRAFFIC_FRAUD, 0))
          .offset()).isEqualTo(String.valueOf(2 * FLOWS + OTHER_TRAFFIC - 1));
    }
  }

  private static <K, V> List<String> stored(StreamPlatform p, Table<K, V> table) throws Exception {
    return await(p.state().scan(table, KeyRange.prefix(OfpTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT))
        .stream().map(kv -> kv.key() + "=" + dev.fp.contract.Json.write(kv.value())).toList();
  }

  private static <K, V> List<String> expected(ProcessorDriver<Void> d, Table<K, V> table) {
    return d.rows(table).stream().map(e -> e.getKey() + "=" + dev.fp.contract.Json.write(e.getValue())).toList();
  }

  /** Starts a child, waits until it has committed at least {@code records}, then kills it with SIGKILL. */
  private void runChildUntil(long records, long total) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), OfpCrashChild.class.getName(), dir.toString(), RUN)
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
