package dev.fp.testing;

import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the kill tests share: a child JVM that runs components until a named crash point, where it prints
 * {@code AT <point>} and hangs until the parent SIGKILLs it. Crash points are {@code <component>:<before|after>:<n>}:
 * at that component's n-th batch with effects, before its effects run or after they returned and before the commit.
 */
public final class CrashChildren {
  private CrashChildren() {
  }

  /** The crash hook of {@code component}, or none when the point names another one. */
  public static <E> UnaryOperator<EffectRunner<E>> crashAt(String component, String point) {
    String[] p = point.split(":");
    if (!p[0].equals(component)) {
      return UnaryOperator.identity();
    }
    boolean before = p[1].equals("before");
    int n = Integer.parseInt(p[2]);
    AtomicInteger rounds = new AtomicInteger();
    return real -> (effects, batch) -> {
      if (effects.isEmpty() || rounds.incrementAndGet() != n) {
        return real.run(effects, batch);
      }
      Future<Void> ran = before ? Future.succeededFuture() : real.run(effects, batch);
      return ran.compose(v -> {
        print("AT " + point);
        return Promise.<Void>promise().future();
      });
    };
  }

  /** The sum of {@code counters} of {@code component} in the run's durable counters table. */
  public static long settled(StateStore store, String run, String component, String... counters) throws Exception {
    var c = get(CountersTable.read(store, run, component, List.of(counters)));
    long sum = 0;
    for (String name : counters) {
      sum += c.get(name);
    }
    return sum;
  }

  /** Deploys, retrying while the killed predecessor's leases block the start (as a pack restart would). */
  public static void deploy(PlatformRuntime rt, Supplier<Deployable> verticle) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        get(rt.vertx().deployVerticle(verticle.get()));
        return;
      } catch (ExecutionException e) {
        if (attempt > 100) {
          e.printStackTrace();
          System.exit(1);
        }
        Thread.sleep(200);
      }
    }
  }

  public static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  public static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /**
   * Parent side: runs {@code child} ({@code main(folder, run, point)}) until it prints {@code AT <point>} or, for
   * {@code none}, {@code doneLine}; then SIGKILLs it.
   */
  public static void runChild(Class<?> child, Path folder, String run, String point, String doneLine)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), child.getName(), folder.toString(), run, point)
        .redirectError(ProcessBuilder.Redirect.appendTo(folder.resolve("child.err").toFile())).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      String last = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
        if (line.equals("AT " + point) || line.equals(doneLine)) {
          break;
        }
      }
      String expected = point.equals("none") ? doneLine : "AT " + point;
      assertThat(last).as("the child's last line (stderr in " + folder.resolve("child.err") + ")")
          .isEqualTo(expected);
    } finally {
      process.toHandle().destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Every record of {@code topic}, partition by partition from the trim horizon. */
  public static List<LogRecord> records(EventLog log, String topic) throws Exception {
    List<LogRecord> out = new ArrayList<>();
    int partitions = Await.await(log.partitions(topic));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      for (ReadBatch b = Await.await(log.read(topic, p, from, 1000)); !b.records().isEmpty();
           b = Await.await(log.read(topic, p, from, 1000))) {
        out.addAll(b.records());
        from = b.next();
      }
    }
    return out;
  }
}
