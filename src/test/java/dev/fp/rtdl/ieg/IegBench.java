package dev.fp.rtdl.ieg;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.BenchCpu;
import dev.fp.contract.Topics;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ieg.core.GraphCounters;
import dev.fp.rtdl.ieg.core.GraphSamples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.fp.platform.stream.StreamPlatform.await;

/**
 * Benchmark (not a test): IEG's catch-up rate on the embedded substrate. Fills a fresh runs root's file log with the
 * records of {@code flows} flows of one run, shaped as the world streams them — per flow one arrival event, one
 * arrival-entities record, one flow anchor and two traffic events (5 records; 2 000 parties, 300 merchants, shared
 * devices and IPs) — then starts IEG and measures from its deployment until every record is applied and committed.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.fp.rtdl.ieg.IegBench flows=40000
 * </pre>
 */
public final class IegBench {
  static final String RUN = "platform_20260105T000000Z";
  static final int PUBLISH_BATCH = 1000;

  private IegBench() {
  }

  public static void main(String[] args) throws Exception {
    int flows = 40_000;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (!kv[0].equals("flows")) {
        throw new IllegalArgumentException("unknown argument " + arg + " (flows=N)");
      }
      flows = Integer.parseInt(kv[1]);
    }
    Path dir = Files.createTempDirectory("fp-ieg-bench");
    try (StreamPlatform p = StreamPlatform.embedded(dir, "")) {
      long t0 = System.nanoTime();
      fill(p, flows);
      long records = 5L * flows;
      System.out.printf("filled %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
      long cpu0 = BenchCpu.processNanos();
      long loop0 = BenchCpu.eventLoopNanos();
      long start = System.nanoTime();
      IegVerticle ieg = new IegVerticle(p.services, RUN);
      await(p.runtime.vertx().deployVerticle(ieg));
      while (ieg.shell().counters().get(ShellCounters.RECORDS) < records) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (BenchCpu.processNanos() - cpu0) / 1e9;
      double loop = (BenchCpu.eventLoopNanos() - loop0) / 1e9;
      Counters c = ieg.shell().counters();
      System.out.printf("IEG: %d records (%d applied, %d entities, %d edges) in %.2f s = %.0f records/s "
              + "(process CPU %.1f s, %.0f µs/record)%n", records, c.get(GraphCounters.MUTATING_APPLIED),
          c.get(GraphCounters.ENTITIES_CREATED), c.get(GraphCounters.EDGES_CREATED), seconds, records / seconds, cpu,
          cpu * 1e6 / records);
      System.out.printf("event-loop CPU %.1f s, %.0f µs/record%n", loop, loop * 1e6 / records);
      await(p.runtime.vertx().undeploy(ieg.deploymentID()));
    } finally {
      deleteTree(dir);
    }
  }

  private static void fill(StreamPlatform p, int flows) throws Exception {
    for (int from = 0; from < flows; from += PUBLISH_BATCH) {
      int n = Math.min(PUBLISH_BATCH, flows - from);
      String[] arrivals = new String[n];
      String[] entities = new String[n];
      String[] anchors = new String[n];
      String[] traffic = new String[2 * n];
      for (int i = 0; i < n; i++) {
        int f = from + i;
        String ts = String.format("2026-01-%02dT%02d:%02d:%02d.000000Z", 1 + f / 86_400 % 28, f / 3600 % 24,
            f / 60 % 60, f % 60);
        Map<String, Object> entity = GraphSamples.arrivalEntities(RUN, "e" + f, ts, f % 2000, f);
        Map<String, Object> payload = payload(entity);
        payload.put("merchant_id", 900 + f % 300);
        payload.put("device_id", 300 + f % 3000);
        payload.put("ip_id", 400 + f % 2500);
        Map<String, Object> arrival = GraphSamples.envelope(RUN, "v" + f, GraphSamples.ARRIVAL, ts,
            new LinkedHashMap<>(Map.of("merchant_id", 900 + f % 300, "arrival_seq", f, "ts_utc", ts)));
        Map<String, Object> anchor = GraphSamples.flowAnchor(RUN, "a" + f, ts, 10_000_000L + f, f % 2000, f);
        payload(anchor).put("merchant_id", 900 + f % 300);
        payload(anchor).put("device_id", 300 + f % 3000);
        payload(anchor).put("ip_id", 400 + f % 2500);
        arrivals[i] = CanonicalJson.write(arrival);
        entities[i] = CanonicalJson.write(entity);
        anchors[i] = CanonicalJson.write(anchor);
        traffic[2 * i] = CanonicalJson.write(GraphSamples.traffic(RUN, "t" + f + "_0", ts, 10_000_000L + f));
        traffic[2 * i + 1] = CanonicalJson.write(GraphSamples.traffic(RUN, "t" + f + "_1", ts, 10_000_000L + f));
      }
      p.publish(Topics.CONTEXT_ARRIVAL_EVENTS, arrivals);
      p.publish(Topics.CONTEXT_ARRIVAL_ENTITIES, entities);
      p.publish(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, anchors);
      p.publish(Topics.TRAFFIC_FRAUD, traffic);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(Map<String, Object> envelope) {
    return (Map<String, Object>) envelope.get("payload");
  }


  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
