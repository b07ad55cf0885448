package dev.fp.rtdl.csfb;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.csfb.core.CsfbCounters;
import dev.fp.rtdl.csfb.core.CsfbSamples;
import dev.fp.rtdl.csfb.store.CsfbTables;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fp.platform.stream.StreamPlatform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSFB under SIGKILL: a child JVM projects a pre-filled log (900 flows: anchors first on their topic, arrivals and
 * entities after, other-run arrivals between) and is killed mid-projection three times; after a last run to the end,
 * every CSFB table and counter equals those of a run that was never killed (computed by projecting the same log in
 * one uninterrupted run into another folder).
 */
class CsfbCrashTest {
  static final String RUN = "platform_20260106T000000Z";
  static final String OTHER_RUN = "platform_20260106T000001Z";
  static final int FLOWS = 900;
  static final int OTHER = 150;
  static final String COMPONENTS = "components:\n  csfb:\n    read_batch_max: 40\n    poll_interval_ms: 20\n"
      + "    lease_ttl_ms: 1000\n";

  @TempDir
  Path dir;
  @TempDir
  Path reference;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldEndWithTheStateAndCountersOfAnUninterruptedRunAfterKill9s() throws Exception {
    long total = 3L * FLOWS + OTHER;
    prefill(dir);
    prefill(reference);
    for (long killAt : new long[] {300, 1200, 2200}) {
      runChildUntil(dir, killAt, total);
    }
    runChildUntil(dir, total, total);
    runChildUntil(reference, total, total);

    Map<String, List<String>> killed;
    Counters killedCounters;
    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      killed = state(p);
      killedCounters = await(CountersTable.read(p.state(), RUN, ContextStoreFlowBinding.NAME, CsfbCounters.ALL));
    }
    try (StreamPlatform p = StreamPlatform.embedded(reference, COMPONENTS)) {
      assertThat(killed).isEqualTo(state(p));
      Counters expected = await(CountersTable.read(p.state(), RUN, ContextStoreFlowBinding.NAME, CsfbCounters.ALL));
      assertThat(killedCounters).isEqualTo(expected);
    }
    assertThat(killedCounters.values()).containsEntry(CsfbCounters.JOIN_HITS, (long) FLOWS)
        .containsEntry(CsfbCounters.JOIN_MISSES, 0L).containsEntry(CsfbCounters.APPLIED, 3L * FLOWS)
        .containsEntry(CsfbCounters.DUPLICATES, 0L).containsEntry(ShellCounters.RECORDS, total)
        .containsEntry(ShellCounters.SKIPPED_OTHER_RUN, (long) OTHER);
    assertThat(killed.get(CsfbTables.BINDINGS.name())).hasSize(FLOWS);
    assertThat(killed.get(CsfbTables.UNPAIRED.name())).isEmpty();
  }

  private static void prefill(Path folder) throws Exception {
    try (StreamPlatform p = StreamPlatform.embedded(folder, COMPONENTS)) {
      for (int batch = 0; batch < 10; batch++) {
        List<String> anchors = new ArrayList<>();
        List<String> arrivals = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        for (int i = batch * FLOWS / 10; i < (batch + 1) * FLOWS / 10; i++) {
          anchors.add(CanonicalJson.write(CsfbSamples.anchor(RUN, 5000 + i, CsfbBench.merchant(i), CsfbBench.seq(i),
              CsfbBench.ts(i))));
          arrivals.add(CanonicalJson.write(CsfbSamples.arrival(RUN, CsfbBench.merchant(i), CsfbBench.seq(i),
              CsfbBench.ts(i))));
          entities.add(CanonicalJson.write(CsfbSamples.entities(RUN, CsfbBench.merchant(i), CsfbBench.seq(i),
              CsfbBench.ts(i))));
          if (i % 6 == 0) {
            arrivals.add(CanonicalJson.write(CsfbSamples.arrival(OTHER_RUN, 1, i + 1, CsfbBench.ts(i))));
          }
        }
        p.publish(CsfbSamples.ANCHORS, anchors.toArray(String[]::new));
        p.publish(CsfbSamples.ARRIVALS, arrivals.toArray(String[]::new));
        p.publish(CsfbSamples.ENTITIES, entities.toArray(String[]::new));
      }
    }
  }

  private static Map<String, List<String>> state(StreamPlatform p) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Table<?, ?> t : CsfbTables.ALL) {
      out.put(t.name(), rows(p, t));
    }
    return out;
  }

  private static <K, V> List<String> rows(StreamPlatform p, Table<K, V> t) throws Exception {
    List<KeyValue<K, V>> kvs = await(p.state().scan(t, KeyRange.prefix(CsfbTables.runPrefix(RUN)),
        StateStores.MAX_SCAN_LIMIT));
    return kvs.stream().map(kv -> kv.key() + "=" + kv.value()).toList();
  }

  /** Starts a child, waits until it has committed at least {@code records}, then kills it with SIGKILL. */
  private static void runChildUntil(Path folder, long records, long total) throws Exception {
    assertThat(Files.isRegularFile(folder.resolve("t.yaml"))).isTrue();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CsfbCrashChild.class.getName(), folder.toString(), RUN)
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
