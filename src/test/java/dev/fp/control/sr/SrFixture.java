package dev.fp.control.sr;

import dev.fp.contract.OutputMode;
import dev.fp.control.sr.core.SrPolicy;
import dev.fp.platform.Substrate;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.testing.TestClock;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;

/**
 * One SR under test: a substrate (embedded in a temp folder by default: files + SQLite), bootstrapped like P0, a
 * sealed world, a hand-moved clock and an {@link SrService} over the substrate's ports (or wrappers of them).
 */
final class SrFixture implements AutoCloseable {
  static final String RUN = "platform_20260210T091951Z";
  static final Instant START = Instant.parse("2026-02-10T09:20:00Z");

  final Vertx vertx;
  final Substrate substrate;
  final TestClock clock = new TestClock(START);
  final Path engineRoot;
  final String engineRunRoot;
  final String platformRunId;
  final SrSettings settings;

  private SrFixture(Vertx vertx, Substrate substrate, Path engineRoot, String engineRunRoot, String platformRunId,
                    String platformRoot) {
    this.vertx = vertx;
    this.substrate = substrate;
    this.engineRoot = engineRoot;
    this.engineRunRoot = engineRunRoot;
    this.platformRunId = platformRunId;
    this.settings = new SrSettings(Duration.ofSeconds(300), Duration.ofSeconds(60), "sr-test", SrPolicy.defaults(600),
        substrate.config().profile(), "test-release", Path.of(platformRoot));
  }

  /** Embedded substrate under {@code tmp} over the shared sealed world (tests that leave the world alone). */
  static SrFixture embedded(Path tmp) throws Exception {
    return open(embeddedConfig(tmp), SealedWorld.shared());
  }

  /** Embedded substrate under {@code tmp} over a private copy of the world (tests that tamper with it). */
  static SrFixture embeddedWithOwnWorld(Path tmp) throws Exception {
    return open(embeddedConfig(tmp), SealedWorld.create(tmp.resolve("engine")));
  }

  static PlatformConfig embeddedConfig(Path tmp) {
    Map<String, String> env = Map.of("FP_RUNS_ROOT", tmp.resolve("runs").toString(), "FP_EVENTLOG_FSYNC", "false");
    return ConfigLoader.load("embedded", null, env);
  }

  static SrFixture open(PlatformConfig cfg, Path engine) throws Exception {
    Vertx vertx = Vertx.vertx();
    Substrate substrate = await(Substrate.open(vertx, cfg));
    await(new SubstrateBootstrap(substrate).bootstrap());
    return new SrFixture(vertx, substrate, engine, engine.toString(), RUN, cfg.platformRoot().toString());
  }

  /** Any profile (parity: S3 + Kinesis + PostgreSQL) with the world in its object store under {@code engineUri}. */
  static SrFixture openWithWorldInStore(PlatformConfig cfg, String engineUri, String platformRunId, Path tmp)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    Substrate substrate = await(Substrate.open(vertx, cfg));
    await(new SubstrateBootstrap(substrate).bootstrap());
    String root = SealedWorld.createInStore(substrate.objectStore(), engineUri, tmp);
    return new SrFixture(vertx, substrate, null, root, platformRunId, cfg.platformRoot().toString());
  }

  SrService service() {
    return service(substrate.objectStore(), substrate.eventLog());
  }

  SrService service(ObjectStore store, EventLog log) {
    return new SrService(vertx, store, log, substrate.db(), settings, clock);
  }

  SrRequest request(String key) {
    return SrRequest.of(platformRunId, key, engineRunRoot, SealedWorld.SCENARIO, OutputMode.FRAUD);
  }

  SrRequest request(String key, List<String> outputIds) {
    SrRequest r = request(key);
    return new SrRequest(r.platformRunId(), key, r.engineRunRoot(), null, null, r.scenarioId(), r.mode(), outputIds,
        r.windowStart(), r.windowEnd());
  }

  Path runLog() {
    return settings.platformRoot().resolve(platformRunId).resolve("scenario_runner/scenario_runner.log");
  }

  @Override
  public void close() throws Exception {
    await(substrate.close());
    await(vertx.close());
  }
}
