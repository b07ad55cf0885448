package dev.fp.control.wsp;

import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.Metrics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.Substrate;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.health.HealthArtifacts;
import dev.fp.platform.log.Logging;
import dev.fp.platform.log.ProcessLogs;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.testing.Await;
import dev.fp.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.fp.testing.Await.await;

/**
 * The embedded substrate (files + SQLite) in a temp folder, bootstrapped, with a {@link FakeIg}, the WSP process
 * log registered where the pack manager would put it, and helpers that play SR's and the supervisor's parts: pin the
 * run, write run facts and run options, publish READY, record pack states.
 */
final class WspHarness implements AutoCloseable {
  static final String API_KEY = "test-key";
  private static boolean loggingConfigured;
  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  final Path dir;
  final Vertx vertx;
  final PlatformConfig cfg;
  final Substrate substrate;
  final PlatformServices services;
  final FakeIg ig;
  final WspStore store;
  /** The wall clock WSP runs on (leases, due times, timestamps): the system's, moved forward by tests. */
  final TestClock clock = TestClock.running();
  Function<String, List<String>> expectedProcesses = pack -> List.of();
  private WspVerticle deployed;

  private WspHarness(Path dir, Vertx vertx, PlatformConfig cfg, Substrate substrate, FakeIg ig) {
    this.dir = dir;
    this.vertx = vertx;
    this.cfg = cfg;
    this.substrate = substrate;
    this.ig = ig;
    this.services = new PlatformServices(vertx, cfg, substrate, new Metrics(cfg.profile()), Router.router(vertx),
        new HealthArtifacts(cfg.platformRoot(), clock), clock);
    this.store = new WspStore(substrate.db(), clock);
  }

  static WspHarness open(Path dir) throws Exception {
    configureLogging();
    Vertx vertx = Vertx.vertx();
    PlatformConfig cfg = ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", dir.resolve("runs").toString(),
        "FP_HTTP_PORT", "0", "FP_EVENTLOG_FSYNC", "false"));
    Substrate substrate = await(Substrate.open(vertx, cfg));
    await(new SubstrateBootstrap(substrate).bootstrap());
    return new WspHarness(dir, vertx, cfg, substrate, await(FakeIg.start(vertx, API_KEY)));
  }

  private static synchronized void configureLogging() {
    if (!loggingConfigured) {
      Logging.configure("text", "INFO");
      loggingConfigured = true;
    }
  }

  /** WSP config for tests (fast polls and retries, no required packs) with {@code overrides} applied. */
  WspConfig config(Map<String, Object> overrides) {
    Map<String, Object> m = new HashMap<>();
    m.put("required_packs", List.of());
    m.put("ready_poll_ms", 20);
    m.put("retry_base_delay_ms", 5);
    m.put("retry_max_delay_ms", 40);
    m.put("retry_max_attempts", 8);
    m.put("api_key", API_KEY);
    m.put("lease_ttl_seconds", 3);
    m.put("health_interval_seconds", 1);
    m.put("required_pack_check_interval_seconds", 1);
    m.putAll(overrides);
    ConfigNode node = new ConfigNode("components.wsp", Json.toTree(m), new EnvTokens(Map.of()));
    return WspConfig.from(node, cfg).withIgUrl(ig.url());
  }

  String deploy(WspConfig wsp) throws Exception {
    endStaleSnapshot();
    WspVerticle v = new WspVerticle(services, wsp, new WspInstance.Hooks(pack -> expectedProcesses.apply(pack),
        Map.of()));
    String id = await(vertx.deployVerticle(v));
    deployed = v;
    return id;
  }

  /**
   * Why: through the JDBC pool, SQLite keeps the harness connection inside an implicit transaction after a plain
   * statement (see WspInstance#commitPendingWrites); when another pool (the CLI's) wrote meanwhile, that stale snapshot
   * fails the next write with SQLITE_BUSY_SNAPSHOT. Ending it first makes the harness behave like a fresh process.
   */
  void endStaleSnapshot() throws Exception {
    await(substrate.db().withTransaction("end stale snapshot", tx -> Future.<Void>succeededFuture()));
  }

  /** The verticle of the last successful {@link #deploy}. */
  WspVerticle deployed() {
    return deployed;
  }

  void undeploy(String id) throws Exception {
    await(vertx.undeploy(id));
  }

  void undeployAll() throws Exception {
    for (String id : List.copyOf(vertx.deploymentIDs())) {
      await(vertx.undeploy(id));
    }
  }

  /** A fresh platform run id per test (tests of a class share one substrate). */
  String nextRun() {
    return String.format("platform_20260210T09%04dZ", RUNS.incrementAndGet());
  }

  Path platformRoot() {
    return cfg.platformRoot();
  }

  /** Pins the run as ACTIVE and routes WSP's log lines to the run's pack log, as the pack manager does. */
  void pinRun(String platformRunId) throws Exception {
    PlatformRunIds.pin(cfg.runsRoot(), platformRunId);
    ProcessLogs.register(WspVerticle.PROCESS_ID, logFile(platformRunId));
  }

  Path logFile(String platformRunId) {
    return WspEvidence.logFile(cfg.platformRoot(), cfg.profile(), platformRunId);
  }

  List<String> logLines(String platformRunId) throws Exception {
    ProcessLogs.drain();
    Path f = logFile(platformRunId);
    return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
  }

  /** A fresh fraud-mode run with the given cap per output, pinned, with IG's fake answering normally again. */
  String freshFraudRun(long cap) throws Exception {
    String run = nextRun();
    ig.reset();
    pinRun(run);
    runOptions(run, cap, "fraud", 0);
    return run;
  }

  void runOptions(String platformRunId, long cap, String mode, double speedup) throws Exception {
    putRunOptions(substrate.objectStore(), platformRunId, new WspRunOptions(cap, mode, speedup));
  }

  /** Writes a run's options record where the supervisor's P5 puts it. */
  static void putRunOptions(ObjectStore store, String platformRunId, WspRunOptions options) throws Exception {
    await(store.put(WspRunOptions.BUCKET, WspRunOptions.key(platformRunId),
        Buffer.buffer(options.toBytes(platformRunId))));
  }

  /** Writes SR's run facts and publishes its READY ({@link SrFixture}); returns the READY's message_id. */
  String publishReady(String platformRunId, String scenarioRunId, String factsPlatformRunId, String engineRoot)
      throws Exception {
    return SrFixture.publishReady(substrate, platformRunId, scenarioRunId, factsPlatformRunId, engineRoot);
  }

  /** Records {@code packName} as up for {@code platformRunId} in this JVM with the given running processes. */
  void packUp(String packName, String platformRunId, List<String> processes) {
    String packId = cfg.profile() + "_" + packName + "_v0";
    Map<String, Object> procs = new LinkedHashMap<>();
    processes.forEach(p -> procs.put(p, Map.of("running", true, "jvm_pid", ProcessHandle.current().pid())));
    JsonFiles.write(cfg.platformRoot().resolve("operate").resolve(packId).resolve("state.json"), Map.of("pack_id",
        packId, "active_platform_run_id", platformRunId, "jvm_pid", ProcessHandle.current().pid(), "processes",
        procs));
  }

  Optional<ReadyRecord> ready(String messageId) throws Exception {
    endStaleSnapshot();
    return await(store.ready(substrate.db().pool(), messageId));
  }

  ReadyRecord awaitReady(String messageId, java.util.function.Predicate<ReadyRecord> done) throws Exception {
    awaitTrue(() -> {
      try {
        return ready(messageId).filter(done).isPresent();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(30), "READY " + messageId);
    return ready(messageId).orElseThrow();
  }

  static void awaitTrue(Await.Condition condition, Duration timeout, String what) throws Exception {
    Await.until(timeout, what, condition);
  }

  @Override
  public void close() throws Exception {
    undeployAll();
    ProcessLogs.unregister(WspVerticle.PROCESS_ID);
    await(ig.close());
    await(substrate.close());
    await(vertx.close());
  }
}
