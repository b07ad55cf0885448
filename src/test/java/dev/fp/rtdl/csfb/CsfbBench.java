package dev.fp.rtdl.csfb;

import dev.fp.contract.CanonicalJson;
import dev.fp.platform.stream.BenchCpu;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.StreamPlatform;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.rtdl.csfb.core.CsfbCounters;
import dev.fp.rtdl.csfb.core.CsfbSamples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

import static dev.fp.platform.stream.StreamPlatform.await;

/**
 * Benchmark (not a test): CSFB's catch-up rate on the embedded substrate. Fills a fresh runs root's file log with
 * {@code flows} flows of one run — an arrival event, its entities and its flow anchor each, in event-time order on
 * their three topics, over 1 000 merchants — then starts CSFB and measures from its deployment until every record is
 * applied and committed.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.fp.rtdl.csfb.CsfbBench flows=100000
 * </pre>
 */
public final class CsfbBench {
  static final String RUN = "platform_20260105T000000Z";
  static final int PUBLISH_BATCH = 1000;
  static final long T0 = WireTime.parseMicros("2026-01-01T00:00:00.000000Z");

  private CsfbBench() {
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
    Path dir = Files.createTempDirectory("fp-csfb-bench");
    try (StreamPlatform p = StreamPlatform.embedded(dir, "")) {
      long t0 = System.nanoTime();
      fill(p, CsfbSamples.ARRIVALS, flows, i -> CsfbSamples.arrival(RUN, merchant(i), seq(i), ts(i)));
      fill(p, CsfbSamples.ENTITIES, flows, i -> CsfbSamples.entities(RUN, merchant(i), seq(i), ts(i)));
      fill(p, CsfbSamples.ANCHORS, flows, i -> CsfbSamples.anchor(RUN, 1_000_000L + i, merchant(i), seq(i), ts(i)));
      long records = 3L * flows;
      System.out.printf("filled %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
      long cpu0 = BenchCpu.processNanos();
      long loop0 = BenchCpu.eventLoopNanos();
      long start = System.nanoTime();
      CsfbVerticle csfb = new CsfbVerticle(p.services, RUN);
      await(p.runtime.vertx().deployVerticle(csfb));
      while (csfb.shell().counters().get(ShellCounters.RECORDS) < records) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (BenchCpu.processNanos() - cpu0) / 1e9;
      double loop = (BenchCpu.eventLoopNanos() - loop0) / 1e9;
      System.out.printf("CSFB: %d records (%d join hits) in %.2f s = %.0f records/s (process CPU %.1f s, %.0f µs/record)%n",
          records, csfb.shell().counters().get(CsfbCounters.JOIN_HITS), seconds, records / seconds, cpu,
          cpu * 1e6 / records);
      System.out.printf("event-loop CPU %.1f s, %.0f µs/record%n", loop, loop * 1e6 / records);
    } finally {
      deleteTree(dir);
    }
  }

  static long merchant(int i) {
    return 4_000_000_000_000_000_000L + i % 1000;
  }

  static long seq(int i) {
    return i / 1000 + 1;
  }

  static String ts(int i) {
    return WireTime.formatString(T0 + i * 1_000_000L);
  }

  private static void fill(StreamPlatform p, String topic, int flows, IntFunction<Map<String, Object>> envelope)
      throws Exception {
    for (int from = 0; from < flows; from += PUBLISH_BATCH) {
      int n = Math.min(PUBLISH_BATCH, flows - from);
      String[] data = new String[n];
      for (int i = 0; i < n; i++) {
        data[i] = CanonicalJson.write(envelope.apply(from + i));
      }
      p.publish(topic, data);
    }
  }


  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
