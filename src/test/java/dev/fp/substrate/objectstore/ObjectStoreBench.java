package dev.fp.substrate.objectstore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static dev.fp.testing.Await.await;

/**
 * Objects per second for put and get of small objects through the port, with bounded concurrency. Not a test.
 *
 * <pre>
 *   java -cp &lt;test classpath&gt; dev.fp.substrate.objectstore.ObjectStoreBench fs [root]
 *   java -cp &lt;test classpath&gt; dev.fp.substrate.objectstore.ObjectStoreBench s3 http://127.0.0.1:9090
 * </pre>
 * Optional system properties: {@code count} (2000), {@code size} (1024 bytes), {@code concurrency} (32).
 */
public final class ObjectStoreBench {
  private ObjectStoreBench() {
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("count", 2000);
    int size = Integer.getInteger("size", 1024);
    int concurrency = Integer.getInteger("concurrency", 32);
    Vertx vertx = Vertx.vertx();
    ObjectStore store = ObjectStores.create(vertx, config(args));
    String bucket = "fp-bench-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] payload = new byte[size];
    new Random(1).nextBytes(payload);
    try {
      await(store.ensureBucket(bucket));
      run(vertx, "warm-up put", count / 4, concurrency, i -> store.put(bucket, "warm/" + i, Buffer.buffer(payload)));
      System.out.printf("%-8s %-6s %7s %6s %11s %10s%n", "adapter", "op", "objects", "conc", "seconds", "objects/s");
      report(args[0], "put", count, concurrency, run(vertx, "put", count, concurrency,
          i -> store.put(bucket, key(i), Buffer.buffer(payload))));
      report(args[0], "get", count, concurrency, run(vertx, "get", count, concurrency,
          i -> store.get(bucket, key(i))));
      await(store.deletePrefix(bucket, ""));
    } finally {
      await(store.close());
      await(vertx.close());
    }
  }

  private static ObjectStoreConfig config(String[] args) throws Exception {
    if (args[0].equals("fs")) {
      Path root = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("fp-bench");
      return new ObjectStoreConfig("fs", root, null, 5, 50);
    }
    var s3 = new ObjectStoreConfig.S3Settings(args[1], "us-east-1", "fp", "fp", true);
    return new ObjectStoreConfig("s3", null, s3, 5, 50);
  }

  private static String key(int i) {
    return String.format("bench/%02d/%06d", i % 100, i);
  }

  /** Runs {@code op(0..count-1)} with at most {@code concurrency} in flight; returns elapsed seconds. */
  private static double run(Vertx vertx, String name, int count, int concurrency, IntFunction<Future<?>> op)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger lanes = new AtomicInteger(concurrency);
    long start = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int l = 0; l < concurrency; l++) {
        lane(next, count, op, () -> {
          if (lanes.decrementAndGet() == 0) {
            done.tryComplete();
          }
        }, done);
      }
    });
    await(done.future(), java.time.Duration.ofMinutes(10)); // the whole measured run
    return (System.nanoTime() - start) / 1e9;
  }

  private static void lane(AtomicInteger next, int count, IntFunction<Future<?>> op, Runnable finished,
                           Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      finished.run();
      return;
    }
    op.apply(i).onComplete(r -> {
      if (r.failed()) {
        done.tryFail(r.cause());
      } else {
        lane(next, count, op, finished, done);
      }
    });
  }

  private static void report(String adapter, String op, int count, int concurrency, double seconds) {
    System.out.printf("%-8s %-6s %7d %6d %11.3f %10.0f%n", adapter, op, count, concurrency, seconds, count / seconds);
  }
}
