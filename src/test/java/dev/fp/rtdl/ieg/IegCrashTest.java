package dev.fp.rtdl.ieg;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ProcessorDriver;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ieg.core.GraphCore;
import dev.fp.rtdl.ieg.core.GraphCounters;
import dev.fp.rtdl.ieg.core.GraphSamples;
import dev.fp.rtdl.ieg.store.GraphTables;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fp.platform.stream.StreamPlatform.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IEG under SIGKILL: a child JVM projects a pre-filled log (arrivals, flow anchors and traffic of the run, other-run
 * records between them) and is killed mid-projection three times; after a last run to the end, every table and
 * counter is exactly what the core computes over the same records without interruption ({@link ProcessorDriver}).
 */
class IegCrashTest {
  static final String RUN = "platform_20260104T000000Z";
  static final String OTHER_RUN = "platform_20260104T000001Z";
  static final String ENTITIES = "fp.bus.context.arrival_entities.v1";
  static final String ANCHORS = "fp.bus.context.flow_anchor.fraud.v1";
  static final String TRAFFIC = "fp.bus.traffic.fraud.v1";
  static final int PER_TOPIC = 1000;
  static final int OTHER_RECORDS = 100;
  static final String COMPONENTS = "components:\n  ieg:\n    read_batch_max: 40\n    poll_interval_ms: 20\n"
      + "    lease_ttl_ms: 1000\n";

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldEndWithTheGraphAndCountersOfAnUninterruptedRunAfterKill9s() throws Exception {
    ProcessorDriver<Void> expected = new ProcessorDriver<>(new GraphCore(), RUN).withCounterNames(GraphCounters.ALL);
    prefill(expected);
    long total = 3L * PER_TOPIC + OTHER_RECORDS;

    for (long killAt : new long[] {400, 1400, 2400}) {
      runChildUntil(killAt, total);
    }
    runChildUntil(total, total);

    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      for (Table<?, ?> t : GraphTables.ALL) {
        assertThat(rows(p, t)).as(t.name()).isEqualTo(expected.rows(t));
      }
      List<String> names = new ArrayList<>(GraphCounters.ALL);
      names.addAll(ShellCounters.ALL);
      Counters c = await(CountersTable.read(p.state(), RUN, IdentityEntityGraph.NAME, names));
      for (String n : GraphCounters.ALL) {
        assertThat(c.get(n)).as(n).isEqualTo(expected.counters().get(n));
      }
      assertThat(c.get(ShellCounters.RECORDS)).isEqualTo(total);
      assertThat(c.get(ShellCounters.SKIPPED_OTHER_RUN)).isEqualTo(OTHER_RECORDS);
      assertThat(c.get(GraphCounters.MUTATING_APPLIED)).isEqualTo(3L * PER_TOPIC);
      assertThat(c.get(GraphCounters.entitiesCreated("party"))).isEqualTo(250);
    }
  }

  private static <K, V> List<Map.Entry<K, V>> rows(StreamPlatform p, Table<K, V> t) throws Exception {
    return await(p.state().scan(t, KeyRange.prefix(GraphTables.runPrefix(RUN)), StateStores.MAX_SCAN_LIMIT)).stream()
        .<Map.Entry<K, V>>map(kv -> new AbstractMap.SimpleImmutableEntry<>(kv.key(), kv.value())).toList();
  }

  /** Publishes the run's records with other-run records between them; feeds the same records to {@code expected}. */
  private void prefill(ProcessorDriver<Void> expected) throws Exception {
    try (StreamPlatform p = StreamPlatform.embedded(dir, COMPONENTS)) {
      for (int batch = 0; batch < 10; batch++) {
        List<Map<String, ?>> arrivals = new ArrayList<>();
        List<Map<String, ?>> anchors = new ArrayList<>();
        List<Map<String, ?>> traffic = new ArrayList<>();
        for (int k = 0; k < PER_TOPIC / 10; k++) {
          int n = batch * (PER_TOPIC / 10) + k;
          String ts = String.format("2026-01-01T%02d:%02d:%02d.000000Z", n / 3600 % 24, n / 60 % 60, n % 60);
          arrivals.add(GraphSamples.arrivalEntities(RUN, "e" + n, ts, n % 250, n));
          anchors.add(GraphSamples.flowAnchor(RUN, "a" + n, ts, 10_000 + n, n % 250, n));
          traffic.add(GraphSamples.traffic(RUN, "t" + n, ts, 10_000 + n));
        }
        List<Map<String, ?>> others = new ArrayList<>();
        for (int k = 0; k < OTHER_RECORDS / 10; k++) {
          others.add(GraphSamples.traffic(OTHER_RUN, "o" + batch + "_" + k, "2026-01-01T00:00:00.000000Z", k));
        }
        publish(p, expected, ENTITIES, arrivals);
        publish(p, expected, TRAFFIC, others);
        publish(p, expected, ANCHORS, anchors);
        publish(p, expected, TRAFFIC, traffic);
      }
    }
  }

  private static void publish(StreamPlatform p, ProcessorDriver<Void> expected, String topic,
                              List<Map<String, ?>> envelopes) throws Exception {
    p.publish(topic, envelopes.stream().map(CanonicalJson::write).toArray(String[]::new));
    expected.feedEnvelopes(topic, 0, envelopes);
  }

  /** Starts a child, waits until it has committed at least {@code records}, then kills it with SIGKILL. */
  private void runChildUntil(long records, long total) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), IegCrashChild.class.getName(), dir.toString(), RUN)
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
