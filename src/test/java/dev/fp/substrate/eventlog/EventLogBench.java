package dev.fp.substrate.eventlog;

import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.fp.testing.Await.await;

/**
 * Benchmark (not a test): records per second published (batches of 500 records of 1 KiB, one batch in flight, one
 * partition) and read back (batches of 500) through each adapter.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.fp.substrate.eventlog.EventLogBench \
 *     file=200000 kinesalite=50000 kinesis-mock=2000
 * </pre>
 * Kinesis endpoints come from {@code FP_TEST_KINESALITE_ENDPOINT} and {@code FP_TEST_KINESIS_MOCK_ENDPOINT}
 * ({@code scripts/harness/kinesis.sh start ...}); the file log writes under a temporary folder with fsync on.
 */
public final class EventLogBench {
  static final int BATCH = 500;
  static final int RECORD_BYTES = 1024;

  private EventLogBench() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (String arg : args.length == 0 ? new String[] {"file=100000"} : args) {
        String[] kv = arg.split("=");
        run(vertx, kv[0], Integer.parseInt(kv[1]));
      }
    } finally {
      await(vertx.close());
    }
  }

  private static void run(Vertx vertx, String adapter, int n) throws Exception {
    Path fileRoot = Files.createTempDirectory("fp-bench-bus");
    EventLog log = open(vertx, adapter, fileRoot);
    try {
      String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
      await(log.createTopic(topic, 1));
      List<OutRecord> records = records(n);
      long t0 = System.nanoTime();
      for (int from = 0; from < n; from += BATCH) {
        await(log.publish(topic, records.subList(from, Math.min(n, from + BATCH))));
      }
      double publishSecs = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      int read = 0;
      Position pos = Position.trimHorizon();
      while (read < n) {
        ReadBatch b = await(log.read(topic, 0, pos, BATCH));
        read += b.records().size();
        pos = b.next();
      }
      double readSecs = (System.nanoTime() - t1) / 1e9;
      System.out.printf("%-13s records=%d size=%dB batch=%d  publish %.0f records/s (%.2f s)  read %.0f records/s (%.2f s)%n",
          adapter, n, RECORD_BYTES, BATCH, n / publishSecs, publishSecs, n / readSecs, readSecs);
    } finally {
      await(log.close());
      try (Stream<Path> files = Files.walk(fileRoot)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static EventLog open(Vertx vertx, String adapter, Path fileRoot) {
    return switch (adapter) {
      case "file" -> new FileEventLog(vertx, fileRoot, true);
      case "kinesalite" -> new KinesisEventLog(vertx, KinesisTestSupport.settings(
          KinesisTestSupport.endpoint("FP_TEST_KINESALITE_ENDPOINT")));
      case "kinesis-mock" -> new KinesisEventLog(vertx, KinesisTestSupport.settings(
          KinesisTestSupport.endpoint("FP_TEST_KINESIS_MOCK_ENDPOINT")));
      default -> throw new IllegalArgumentException("unknown adapter " + adapter + " (file, kinesalite, kinesis-mock)");
    };
  }

  private static List<OutRecord> records(int n) {
    List<OutRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String head = "{\"event_id\":\"e" + i + "\",\"pad\":\"";
      String pad = "x".repeat(RECORD_BYTES - head.length() - 2);
      out.add(new OutRecord("key-" + i, head + pad + "\"}"));
    }
    return out;
  }
}
