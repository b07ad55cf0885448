package dev.fp.control.wsp;

import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.OutputIds;
import dev.fp.contract.PlatformRunIds;
import dev.fp.contract.Topics;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.control.wsp.store.WspStore;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import io.vertx.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WSP against the real IG in one platform process (embedded substrate, HTTP on port 0, the repository's API keys
 * and policies): a stream stopped mid-way and redeployed still puts every event on its EB topic exactly once, in
 * stream order.
 */
class WspIgEndToEndTest {
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";
  static final String RUN = "platform_20260210T091951Z";
  static final int ROWS = 120;

  @TempDir
  static Path dir;
  static PlatformRuntime runtime;
  static WorldFixture world;
  static WspStore store;
  static String ig;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(dir.resolve("conf/policies"));
    try (var policies = Files.list(Path.of("conf/policies"))) {
      for (Path p : policies.toList()) {
        Files.copy(p, dir.resolve("conf/policies").resolve(p.getFileName()));
      }
    }
    Files.copy(Path.of("conf/ig_api_keys.txt"), dir.resolve("conf/ig_api_keys.txt"));
    Files.writeString(dir.resolve("conf/t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n"
        + "substrate:\n  eventlog: {kind: file, root: " + dir.resolve("runs/bus") + ", fsync: false, partitions: 1}\n"
        + "http:\n  port: 0\nsecurity:\n  api_keys_file: ig_api_keys.txt\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir.resolve("conf"), Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    ig = await(runtime.vertx().deployVerticle(new IgVerticle(runtime.services())));
    world = WorldFixture.write(runtime.substrate().objectStore(), dir, "e2e", Map.of(OutputIds.ARRIVAL_EVENTS, ROWS,
        OutputIds.TRAFFIC_FRAUD, ROWS), 2);
    store = new WspStore(runtime.substrate().db(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    await(runtime.vertx().undeploy(ig));
    await(runtime.shutdown());
  }

  WspConfig config() {
    Map<String, Object> m = new HashMap<>();
    m.put("required_packs", List.of());
    m.put("ready_poll_ms", 20);
    m.put("batch_size", 6);
    m.put("context_output_ids", List.of(OutputIds.ARRIVAL_EVENTS));
    m.put("retry_base_delay_ms", 20);
    ConfigNode node = new ConfigNode("components.wsp", new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(m), new EnvTokens(Map.of()));
    return WspConfig.from(node, runtime.substrate().config())
        .withIgUrl("http://127.0.0.1:" + runtime.http().actualPort());
  }

  @Test
  void shouldPutEveryEventOnItsTopicExactlyOnceAcrossARestart() throws Exception {
    WspHarness.putRunOptions(runtime.substrate().objectStore(), RUN, new WspRunOptions(0, "fraud", 0));
    String first = await(runtime.vertx().deployVerticle(
        new WspVerticle(runtime.services(), config(), pack -> List.of())));
    String mid = SrFixture.publishReady(runtime.substrate(), RUN, SR, RUN, world.engineRoot);
    WspHarness.awaitTrue(() -> topic(Topics.TRAFFIC_FRAUD).size() >= 24, Duration.ofSeconds(60), "24 on the bus");

    await(runtime.vertx().undeploy(first));
    String second = await(runtime.vertx().deployVerticle(
        new WspVerticle(runtime.services(), config(), pack -> List.of())));
    WspHarness.awaitTrue(() -> ready(mid).status() != ReadyStatus.PENDING, Duration.ofSeconds(60), "READY done");

    ReadyRecord r = ready(mid);
    assertThat(r.status()).as(String.valueOf(r.reason())).isEqualTo(ReadyStatus.STREAMED);
    assertThat(r.emitted()).isEqualTo(2L * ROWS);
    assertThat(topic(Topics.TRAFFIC_FRAUD)).containsExactlyElementsOf(world.eventIds(OutputIds.TRAFFIC_FRAUD));
    assertThat(topic(Topics.CONTEXT_ARRIVAL_EVENTS))
        .containsExactlyElementsOf(world.eventIds(OutputIds.ARRIVAL_EVENTS));
    await(runtime.vertx().undeploy(second));
  }

  private ReadyRecord ready(String mid) {
    try {
      return await(store.ready(runtime.substrate().db().pool(), mid)).orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Event ids on a topic (one partition), in log order. */
  private static List<String> topic(String topic) {
    try {
      List<String> ids = new ArrayList<>();
      Position from = Position.trimHorizon();
      while (true) {
        ReadBatch batch = await(runtime.substrate().eventLog().read(topic, 0, from, 1000));
        if (batch.records().isEmpty()) {
          return ids;
        }
        for (LogRecord rec : batch.records()) {
          ids.add((String) Json.decodeValue(rec.data(), Map.class).get("event_id"));
        }
        from = batch.next();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
