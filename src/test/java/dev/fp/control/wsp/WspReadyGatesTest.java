package dev.fp.control.wsp;

import dev.fp.contract.OutputIds;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.platform.JsonFiles;
import dev.fp.substrate.eventlog.LeaseHeldException;
import dev.fp.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What WSP does with a READY before streaming: dedupe, run pins, run scope, required packs, one live instance. */
class WspReadyGatesTest {
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";

  @TempDir
  static Path dir;
  static WspHarness h;
  static WorldFixture world;
  String run;

  @BeforeAll
  static void open() throws Exception {
    h = WspHarness.open(dir);
    world = WorldFixture.fraud(h.substrate.objectStore(), dir, "gates", 6, 1);
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @BeforeEach
  void freshRun() throws Exception {
    h.expectedProcesses = pack -> List.of();
    run = h.freshFraudRun(3);
  }

  @AfterEach
  void undeploy() throws Exception {
    h.undeployAll();
  }

  @Test
  void shouldStreamAReadyOnceWhenTheControlBusCarriesItAgain() throws Exception {
    h.deploy(h.config(Map.of()));
    String mid = h.publishReady(run, SR, run, world.engineRoot);
    h.awaitReady(mid, r -> r.status() == ReadyStatus.STREAMED);
    int requests = h.ig.requests();

    h.publishReady(run, SR, run, world.engineRoot);
    WspHarness.awaitTrue(() -> logged("WSP READY duplicate skipped message_id=" + mid), Duration.ofSeconds(10),
        "duplicate log line");

    assertThat(h.ig.requests()).isEqualTo(requests);
    assertThat(h.ig.arrivals()).hasSize(12).allMatch(a -> a.decision().equals("ADMIT"));
    assertThat(h.ready(mid).orElseThrow().status()).isEqualTo(ReadyStatus.STREAMED);
  }

  @Test
  void shouldDeferAReadyWhileRequiredPacksAreNotLiveAndStreamItOnceTheyAre() throws Exception {
    h.expectedProcesses = pack -> pack.equals("rtdl_core") ? List.of("ieg_projector") : List.of();
    h.deploy(h.config(Map.of("required_packs", List.of("rtdl_core", "case_labels"))));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    ReadyRecord waiting = h.awaitReady(mid, r -> r.reason() != null);
    assertThat(waiting.status()).isEqualTo(ReadyStatus.PENDING);
    assertThat(waiting.reason()).isEqualTo("PACK_STATE_MISSING:embedded_rtdl_core_v0");
    h.packUp("rtdl_core", run, List.of());
    h.awaitReady(mid, r -> "PACK_PROCESSES_MISSING:embedded_rtdl_core_v0".equals(r.reason()));
    h.packUp("rtdl_core", run, List.of("ieg_projector"));
    h.awaitReady(mid, r -> "PACK_STATE_MISSING:embedded_case_labels_v0".equals(r.reason()));
    assertThat(h.ig.requests()).isZero();
    WspHarness.awaitTrue(() -> "AMBER".equals(health().get("health_state")), Duration.ofSeconds(10), "AMBER");
    assertThat(logged("WSP READY deferred message_id=" + mid)).isTrue();

    h.packUp("case_labels", run, List.of());

    assertThat(h.awaitReady(mid, r -> r.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(h.ig.arrivals()).hasSize(12);
  }

  @Test
  void shouldSkipAReadyOfAnotherActiveRunForGood() throws Exception {
    h.deploy(h.config(Map.of()));
    String other = h.nextRun();
    h.pinRun(other);
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.SKIPPED_OUT_OF_SCOPE);
    assertThat(r.reason()).isEqualTo("PLATFORM_RUN_SCOPE_MISMATCH");
    assertThat(h.ig.requests()).isZero();
    // the ready_runs ledger line is appended right after the status row commits: wait for it (bounded)
    String key = ReadyLedger.key(run, mid);
    Await.until(Duration.ofSeconds(5), "ledger line " + key,
        () -> Await.await(h.substrate.objectStore().head("fraud-platform", key)).isPresent());
    String ledger = Await.await(h.substrate.objectStore().get("fraud-platform", key)).toString();
    assertThat(ledger).contains("\"status\":\"SKIPPED_OUT_OF_SCOPE\"");
  }

  @Test
  void shouldFailAReadyWhoseRunFactsNameAnotherPlatformRunAndRecordItCancelled() throws Exception {
    // stands in for the governance writer: records what WSP asks the log to record
    List<io.vertx.core.json.JsonObject> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();
    var writer = h.vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(
        dev.fp.platform.governance.GovernanceClient.EMIT_ADDRESS, m -> {
          emitted.add(m.body());
          m.reply(new io.vertx.core.json.JsonObject().put("event_id", "ev_" + emitted.size()).put("created", true));
        });
    try {
      h.deploy(h.config(Map.of()));
      String mid = h.publishReady(run, SR, "platform_20260101T000000Z", world.engineRoot);

      ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

      assertThat(r.status()).isEqualTo(ReadyStatus.FAILED);
      assertThat(r.reason()).isEqualTo("PLATFORM_RUN_ID_MISMATCH");
      assertThat(h.ig.requests()).isZero();
      WspHarness.awaitTrue(() -> emitted.stream().anyMatch(e -> "RUN_CANCELLED".equals(e.getString("event_family"))),
          Duration.ofSeconds(10), "RUN_CANCELLED emitted");
      assertThat(emitted.stream().filter(e -> "RUN_CANCELLED".equals(e.getString("event_family"))).toList())
          .singleElement()
          .satisfies(e -> assertThat(e.encode()).contains("cancelled:" + mid + ":platform_run_id_mismatch")
              .contains("PLATFORM_RUN_ID_MISMATCH").contains(run));
    } finally {
      Await.await(writer.unregister());
    }
  }

  @Test
  void shouldFailBeforeStreamingWhenAnOutputHasNoStreamView() throws Exception {
    WorldFixture partial = WorldFixture.write(h.substrate.objectStore(), dir, "partial",
        Map.of(OutputIds.ARRIVAL_EVENTS, 3, OutputIds.TRAFFIC_FRAUD, 3), 1);
    h.deploy(h.config(Map.of()));
    String mid = h.publishReady(run, SR, run, partial.engineRoot);

    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.FAILED);
    assertThat(r.reason()).isEqualTo("STREAM_VIEW_MISSING");
    assertThat(h.ig.requests()).isZero();
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP stream failed reason=STREAM_VIEW_MISSING detail=")
        && l.contains("output_id=s1_arrival_entities_6B"));
  }

  @Test
  void shouldRefuseASecondInstanceAndNameTheLeaseHolder() throws Exception {
    String first = h.deploy(h.config(Map.of()));
    String holder = Await.await(h.deployed().readiness()).reason().substring("lease_held_by:".length());

    assertThatThrownBy(() -> h.deploy(h.config(Map.of())))
        .isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining("consumer group wsp_ready_consumer is held by " + holder);
    assertThat(holder).startsWith("wsp_ready_consumer@pid" + ProcessHandle.current().pid());
    assertThat(h.vertx.deploymentIDs()).containsExactly(first);
  }

  private boolean logged(String text) {
    try {
      return h.logLines(run).stream().anyMatch(l -> l.contains(text));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> health() {
    Path f = h.platformRoot().resolve(run).resolve("world_streamer_producer/health/last_health.json");
    return java.nio.file.Files.isRegularFile(f) ? JsonFiles.read(f) : Map.of();
  }
}
