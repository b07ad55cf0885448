package dev.fp.control.wsp;

import dev.fp.contract.OutputIds;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** WSP end to end over the embedded substrate: READY on the control bus → stream views → the fake IG. */
class WspStreamingTest {
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";
  static final List<String> FRAUD = List.of(OutputIds.ARRIVAL_EVENTS, OutputIds.ARRIVAL_ENTITIES,
      OutputIds.FLOW_ANCHOR_FRAUD, OutputIds.TRAFFIC_FRAUD);

  @TempDir
  static Path dir;
  static WspHarness h;
  static WorldFixture world;
  String run;

  @BeforeAll
  static void open() throws Exception {
    h = WspHarness.open(dir);
    Map<String, Integer> rows = new LinkedHashMap<>();
    rows.put(OutputIds.ARRIVAL_EVENTS, 30);
    rows.put(OutputIds.ARRIVAL_ENTITIES, 30);
    rows.put(OutputIds.FLOW_ANCHOR_FRAUD, 12);
    rows.put(OutputIds.TRAFFIC_FRAUD, 50);
    rows.put(OutputIds.FLOW_ANCHOR_BASELINE, 5);
    rows.put(OutputIds.TRAFFIC_BASELINE, 5);
    world = WorldFixture.write(h.substrate.objectStore(), dir, "w1", rows, 2);
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @BeforeEach
  void freshRun() {
    run = h.nextRun();
    h.ig.reset();
  }

  @AfterEach
  void undeploy() throws Exception {
    h.undeployAll();
  }

  @Test
  void shouldStreamEveryFraudOutputInOrderUpToTheCapWithMarkersAndEvidence() throws Exception {
    h.pinRun(run);
    h.runOptions(run, 20, "fraud", 0);
    h.deploy(h.config(Map.of("batch_size", 7)));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(r.emitted()).isEqualTo(20 + 20 + 12 + 20);
    for (String output : FRAUD) {
      int expected = Math.min(20, world.rows(output));
      assertThat(h.ig.arrivals(output)).extracting(FakeIg.Arrival::eventId)
          .as(output + " in stream order").containsExactlyElementsOf(world.eventIds(output).subList(0, expected));
      assertThat(h.ig.arrivals(output)).allMatch(a -> a.decision().equals("ADMIT"));
    }
    assertThat(h.ig.arrivals(OutputIds.TRAFFIC_BASELINE)).isEmpty();
    assertThat(h.ig.arrivals(OutputIds.FLOW_ANCHOR_BASELINE)).isEmpty();
    assertThat(h.ig.batches()).isGreaterThan(4);
    assertContextStartedBeforeTraffic();

    List<String> log = h.logLines(run);
    assertThat(log).anyMatch(l -> l.contains("WSP stream start run_id=" + WorldFixture.ENGINE_RUN_ID
        + " output_id=s3_event_stream_with_fraud_6B max_events=20 speedup=0.00 concurrency=2 lane=0/1"));
    assertThat(log).anyMatch(l -> l.contains("WSP stream stop run_id=" + WorldFixture.ENGINE_RUN_ID
        + " output_id=s3_event_stream_with_fraud_6B emitted=20 reason=max_events"));
    assertThat(log).anyMatch(l -> l.contains("WSP stream complete run_id=" + WorldFixture.ENGINE_RUN_ID
        + " output_id=s3_flow_anchor_with_fraud_6B emitted=12"));

    WspEvidence evidence = new WspEvidence(h.vertx, h.substrate.db(), h.platformRoot(), "embedded",
        h.clock);
    List<GateCheck> p6 = await(evidence.checkP6(run, WspEvidence.outputsFor("fraud"), 20));
    assertThat(p6).as(p6.toString()).hasSize(13).allMatch(GateCheck::pass);
    WspEvidence.StreamWindow window = await(evidence.streamWindow(run)).orElseThrow();
    assertThat(window.events()).isEqualTo(72);
    assertThat(await(evidence.readies(run))).containsExactly(new ReadyOutcome(mid, "STREAMED", null, 72));
    assertThat(window.duration().isNegative()).isFalse();

    assertThat(sessionKinds()).contains("ready_received", "engine_world_selected", "stream_start",
        "checkpoint_saved", "engine_world_streamed", "stream_complete");
    String ledger = await(h.substrate.objectStore().get("fraud-platform", run + "/wsp/ready_runs/" + mid + ".jsonl"))
        .toString();
    assertThat(ledger).contains("\"status\":\"STREAMED\"").contains("\"emitted\":72").contains("\"run_id\":\"" + SR);
    WspHarness.awaitTrue(() -> Files.isRegularFile(healthFile()), java.time.Duration.ofSeconds(5), "health");
    assertThat(JsonFiles.read(healthFile()).get("health_state")).isEqualTo("GREEN");
  }

  private Path healthFile() {
    return h.platformRoot().resolve(run).resolve("world_streamer_producer/health/last_health.json");
  }

  /** Outputs start in stream order two at a time: traffic only once both arrival outputs started (and one ended). */
  private void assertContextStartedBeforeTraffic() throws Exception {
    List<String> starts = dev.fp.control.wsp.core.WspMarkers.parse(h.logLines(run)).stream()
        .filter(dev.fp.control.wsp.core.WspMarkers.Marker::isStart)
        .map(dev.fp.control.wsp.core.WspMarkers.Marker::outputId).toList();
    assertThat(starts).containsExactlyInAnyOrderElementsOf(FRAUD);
    assertThat(starts.indexOf(OutputIds.TRAFFIC_FRAUD)).isGreaterThan(starts.indexOf(OutputIds.ARRIVAL_EVENTS))
        .isGreaterThan(starts.indexOf(OutputIds.ARRIVAL_ENTITIES));
  }

  private List<String> sessionKinds() throws Exception {
    return Files.readAllLines(h.platformRoot().resolve(run).resolve("session.jsonl")).stream()
        .map(l -> (String) io.vertx.core.json.Json.decodeValue(l, Map.class).get("event_kind"))
        .collect(Collectors.toList());
  }

  @Test
  void shouldStreamBaselineOutputsOnlyInBaselineMode() throws Exception {
    h.pinRun(run);
    h.runOptions(run, 3, "baseline", 0);
    h.deploy(h.config(Map.of("output_concurrency", 1)));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.STREAMED);

    assertThat(h.ig.arrivals().stream().map(FakeIg.Arrival::eventType).distinct()).containsExactly(
        OutputIds.ARRIVAL_EVENTS, OutputIds.ARRIVAL_ENTITIES, OutputIds.FLOW_ANCHOR_BASELINE,
        OutputIds.TRAFFIC_BASELINE);
    assertThat(h.ig.arrivals()).hasSize(12);
  }

  @Test
  void shouldPushOneEnvelopePerRequestInSingleMode() throws Exception {
    h.pinRun(run);
    h.runOptions(run, 4, "fraud", 0);
    h.deploy(h.config(Map.of("push_mode", "single", "checkpoint_every", 3)));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.STREAMED);

    assertThat(h.ig.pushes()).isEqualTo(16);
    assertThat(h.ig.batches()).isZero();
    assertThat(h.ig.arrivals(OutputIds.TRAFFIC_FRAUD)).extracting(FakeIg.Arrival::eventId)
        .containsExactlyElementsOf(world.eventIds(OutputIds.TRAFFIC_FRAUD).subList(0, 4));
  }

  @Test
  void shouldPaceEventsByEventTimeDividedBySpeedup() throws Exception {
    h.pinRun(run);
    h.runOptions(run, 12, "fraud", 100);
    h.deploy(h.config(Map.of("context_output_ids", List.of(OutputIds.TRAFFIC_FRAUD))));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.STREAMED);

    // No clock is read here: the first send anchors the pacer and takes only the events due at that instant (the
    // first, the next one being due 1 s / 100 = 10 ms later), so a paced stream needs at least two batches however
    // slow the machine is. The pacing arithmetic itself is PacingTest's.
    assertThat(h.ig.batches()).as("paced events do not all leave in the first batch").isGreaterThanOrEqualTo(2);
    assertThat(h.ig.arrivals()).extracting(FakeIg.Arrival::eventId)
        .containsExactlyElementsOf(world.eventIds(OutputIds.TRAFFIC_FRAUD).subList(0, 12));
  }

  @Test
  void shouldStreamAWholeViewWhenThereIsNoCap() throws Exception {
    h.pinRun(run);
    h.runOptions(run, 0, "fraud", 0);
    h.deploy(h.config(Map.of("output_concurrency", 4, "batch_size", 16)));
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING).emitted()).isEqualTo(30 + 30 + 12 + 50);
    assertThat(h.ig.arrivals(OutputIds.TRAFFIC_FRAUD)).extracting(FakeIg.Arrival::eventId)
        .containsExactlyElementsOf(world.eventIds(OutputIds.TRAFFIC_FRAUD));
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP stream complete run_id=" + WorldFixture.ENGINE_RUN_ID
        + " output_id=s3_event_stream_with_fraud_6B emitted=50"));
  }
}
