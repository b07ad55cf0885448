package dev.fp.rtdl.aw;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.BenchCpu;
import dev.fp.contract.Topics;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.aw.core.AwCounters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fp.platform.stream.StreamPlatform.await;

/**
 * Benchmark (not a test): the Archive Writer's catch-up rate on the embedded substrate. Fills a fresh runs root's file
 * log with {@code records} envelopes of one run (about 700 bytes each, spread over the traffic topic and the three
 * context topics), then starts AW and measures from its deployment until every record is archived and committed.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.fp.rtdl.aw.AwBench records=200000 layout=segment
 * </pre>
 */
public final class AwBench {
  static final String RUN = "platform_20260104T000000Z";
  static final List<String> TOPICS = List.of(Topics.TRAFFIC_FRAUD, Topics.CONTEXT_ARRIVAL_EVENTS,
      Topics.CONTEXT_ARRIVAL_ENTITIES, Topics.CONTEXT_FLOW_ANCHOR_FRAUD);
  static final int PUBLISH_BATCH = 1000;

  private AwBench() {
  }

  public static void main(String[] args) throws Exception {
    int records = 200_000;
    String layout = "segment";
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      switch (kv[0]) {
        case "records" -> records = Integer.parseInt(kv[1]);
        case "layout" -> layout = kv[1];
        default -> throw new IllegalArgumentException("unknown argument " + arg + " (records=N layout=segment|object)");
      }
    }
    Path dir = Files.createTempDirectory("fp-aw-bench");
    try (StreamPlatform p = StreamPlatform.embedded(dir, "components:\n  aw:\n    evidence_layout: " + layout + "\n")) {
      long t0 = System.nanoTime();
      fill(p, records);
      System.out.printf("filled %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
      long cpu0 = BenchCpu.processNanos();
      long loop0 = BenchCpu.eventLoopNanos();
      long start = System.nanoTime();
      ArchiveWriterVerticle aw = new ArchiveWriterVerticle(p.services, RUN);
      await(p.runtime.vertx().deployVerticle(aw));
      while (aw.shell().counters().get(ShellCounters.RECORDS) < records) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (BenchCpu.processNanos() - cpu0) / 1e9;
      double loop = (BenchCpu.eventLoopNanos() - loop0) / 1e9;
      System.out.printf("AW %s: %d archived in %.2f s = %.0f records/s (process CPU %.1f s, %.0f µs/record)%n",
          layout, aw.shell().counters().get(AwCounters.ARCHIVED), seconds, records / seconds, cpu,
          cpu * 1e6 / records);
      System.out.printf("event-loop CPU %.1f s, %.0f µs/record%n", loop, loop * 1e6 / records);
    } finally {
      deleteTree(dir);
    }
  }

  private static void fill(StreamPlatform p, int records) throws Exception {
    for (int from = 0; from < records; from += PUBLISH_BATCH) {
      int n = Math.min(PUBLISH_BATCH, records - from);
      String[] data = new String[n];
      for (int i = 0; i < n; i++) {
        data[i] = CanonicalJson.write(ArchiveWriterContractTest.envelope(RUN, "e" + (from + i)));
      }
      p.publish(TOPICS.get((from / PUBLISH_BATCH) % TOPICS.size()), data);
    }
  }


  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
