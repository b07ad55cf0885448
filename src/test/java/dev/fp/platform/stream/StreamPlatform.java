package dev.fp.platform.stream;

import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.state.StateStore;
import dev.fp.testing.TestPostgres;
import io.vertx.core.Future;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real platform process for stream tests, in a temp folder, on one of two substrates: embedded (RocksDB, file log,
 * SQLite) or PostgreSQL for SQL and state (file log and folder object store, so only PostgreSQL is needed).
 */
public final class StreamPlatform implements AutoCloseable {
  public final PlatformRuntime runtime;
  public final PlatformServices services;
  private final String schema;

  private StreamPlatform(PlatformRuntime runtime, String schema) {
    this.runtime = runtime;
    this.services = runtime.services();
    this.schema = schema;
  }

  public static StreamPlatform embedded(Path dir) throws Exception {
    return embedded(dir, "");
  }

  /** @param components a {@code components:} section (YAML) or "" */
  public static StreamPlatform embedded(Path dir, String components) throws Exception {
    return start(dir, "", components, null);
  }

  /** SQL and StateStore on the test PostgreSQL in a fresh schema (dropped on close). */
  public static StreamPlatform postgres(Path dir) throws Exception {
    return postgres(dir, "");
  }

  /** As {@link #postgres(Path)}, with a {@code components:} section (YAML) or "". */
  public static StreamPlatform postgres(Path dir, String components) throws Exception {
    String schema = TestPostgres.freshSchema("t_stream_");
    return start(dir, "substrate:\n" + postgresSql(schema), components, schema);
  }

  /** The parity substrate: PostgreSQL, kinesalite and S3Mock (FP_TEST_* endpoints from scripts/harness). */
  public static StreamPlatform parity(Path dir, String components) throws Exception {
    String schema = TestPostgres.freshSchema("t_stream_");
    return start(dir, "substrate:\n  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + required("FP_TEST_S3_ENDPOINT")
        + "\n  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + required("FP_TEST_KINESALITE_ENDPOINT")
        + "\n" + postgresSql(schema), components, schema);
  }

  private static String postgresSql(String schema) {
    return "  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n      schema: " + schema + "\n";
  }

  private static String required(String env) {
    String v = System.getenv(env);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(env + " is not set: start the test services with scripts/harness/");
    }
    return v;
  }

  private static StreamPlatform start(Path dir, String substrate, String components, String schema)
      throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n" + substrate
        + "http:\n  port: 0\n" + components);
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRuntime rt = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(rt.substrate()).bootstrap());
    return new StreamPlatform(rt, schema);
  }

  public StateStore state() throws Exception {
    return await(runtime.substrate().stateStore());
  }

  public List<EbRef> publish(String topic, String... data) throws Exception {
    return await(runtime.substrate().eventLog().publish(topic,
        java.util.Arrays.stream(data).map(d -> new OutRecord("k", d)).toList()));
  }

  /** Starts a shell on a Vert.x context of its own, as a verticle's start would. */
  public <E> StreamShell<E> startShell(StreamComponent<E> component, String runId, StreamSettings settings)
      throws Exception {
    io.vertx.core.Promise<StreamShell<E>> p = io.vertx.core.Promise.promise();
    runtime.vertx().getOrCreateContext().runOnContext(v -> StreamShell.start(services, component, runId, settings)
        .onComplete(p));
    return await(p.future());
  }

  @Override
  public void close() throws Exception {
    await(runtime.shutdown());
    if (schema != null) {
      TestPostgres.dropSchema(schema);
    }
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  public static Throwable failure(Future<?> f) throws Exception {
    return f.toCompletionStage().handle((r, e) -> e).toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} every 20 ms for at most {@code within}; fails with {@code what} otherwise. */
  public static void eventually(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
