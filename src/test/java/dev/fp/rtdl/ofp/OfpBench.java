package dev.fp.rtdl.ofp;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.BenchCpu;
import dev.fp.contract.Topics;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.ofp.core.OfpCounters;
import dev.fp.rtdl.ofp.core.OfpSamples;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fp.platform.stream.StreamPlatform.await;

/**
 * Benchmark (not a test): OFP's catch-up rate on the embedded substrate. Fills a fresh runs root's file log with
 * {@code flows} flow anchors and their {@code 2 × flows} traffic events (one AUTH_REQUEST, one AUTH_RESPONSE; 10 000
 * parties, 20 000 devices, 300 merchants; one flow every 2 s of event time), then starts OFP with the shipped
 * feature policy and measures from its deployment until every record is committed.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.fp.rtdl.ofp.OfpBench flows=100000
 * </pre>
 */
public final class OfpBench {
  static final String RUN = "platform_20260104T000000Z";
  static final int PUBLISH_BATCH = 1000;

  private OfpBench() {
  }

  public static void main(String[] args) throws Exception {
    int flows = 100_000;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (!kv[0].equals("flows")) {
        throw new IllegalArgumentException("unknown argument " + arg + " (flows=N)");
      }
      flows = Integer.parseInt(kv[1]);
    }
    Path dir = Files.createTempDirectory("fp-ofp-bench");
    Files.createDirectories(dir.resolve("ofp"));
    Files.copy(Path.of("conf/ofp/features.yaml"), dir.resolve("ofp/features.yaml"));
    try (StreamPlatform p = StreamPlatform.embedded(dir, "")) {
      long t0 = System.nanoTime();
      fill(p, flows);
      System.out.printf("filled %d flows (%d records) in %.1f s%n", flows, 3L * flows, (System.nanoTime() - t0) / 1e9);
      long cpu0 = BenchCpu.processNanos();
      long loop0 = BenchCpu.eventLoopNanos();
      long start = System.nanoTime();
      OnlineFeaturePlaneVerticle ofp = new OnlineFeaturePlaneVerticle(p.services, RUN);
      await(p.runtime.vertx().deployVerticle(ofp));
      while (ofp.shell().counters().get(ShellCounters.RECORDS) < 3L * flows) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (BenchCpu.processNanos() - cpu0) / 1e9;
      double loop = (BenchCpu.eventLoopNanos() - loop0) / 1e9;
      System.out.printf("OFP: %d traffic applied, %d anchors, %d anchor_missing; %d records in %.2f s = %.0f "
              + "records/s (process CPU %.1f s, %.0f µs/record)%n", ofp.shell().counters().get(OfpCounters.APPLIED),
          ofp.shell().counters().get(OfpCounters.ANCHORS_APPLIED),
          ofp.shell().counters().get(OfpCounters.ANCHOR_MISSING), 3L * flows, seconds, 3L * flows / seconds, cpu,
          cpu * 1e6 / (3L * flows));
      System.out.printf("event-loop CPU %.1f s, %.0f µs/record%n", loop, loop * 1e6 / (3L * flows));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void fill(StreamPlatform p, int flows) throws Exception {
    long t0 = WireTime.parseMicros("2026-01-01T00:00:00.000000Z");
    double[] amounts = {1.99, 4.99, 9.99, 14.99, 19.99, 29.99, 49.99, 99.99};
    for (int from = 0; from < flows; from += PUBLISH_BATCH) {
      int n = Math.min(PUBLISH_BATCH, flows - from);
      String[] anchors = new String[n];
      String[] traffic = new String[2 * n];
      for (int i = 0; i < n; i++) {
        int f = from + i + 1;
        String ts = WireTime.formatString(t0 + f * 2_000_000L);
        anchors[i] = CanonicalJson.write(OfpSamples.anchor(RUN, "a" + f, f, f * 7919L % 10_000,
            f * 104_729L % 20_000, 9_000 + f % 300, ts));
        traffic[2 * i] = CanonicalJson.write(OfpSamples.traffic(RUN, "q" + f, f, "AUTH_REQUEST", ts, amounts[f % 8]));
        traffic[2 * i + 1] = CanonicalJson.write(OfpSamples.traffic(RUN, "r" + f, f, "AUTH_RESPONSE", ts,
            amounts[f % 8]));
      }
      p.publish(Topics.CONTEXT_FLOW_ANCHOR_FRAUD, anchors);
      p.publish(Topics.TRAFFIC_FRAUD, traffic);
    }
  }

}
