package dev.fp.control.wsp;

import dev.fp.contract.OutputIds;
import dev.fp.control.wsp.core.CheckpointScope;
import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.Lanes;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.CheckpointRow;
import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.LeaseHeldException;
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
import java.util.stream.Collectors;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stopped or dead WSP and its successor: resume after the checkpoint, exactly one ADMIT per event. */
class WspRestartTest {
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";
  static final List<String> OUTPUTS = List.of(OutputIds.ARRIVAL_EVENTS, OutputIds.TRAFFIC_FRAUD);
  static final int ROWS = 160;

  @TempDir
  static Path dir;
  static WspHarness h;
  static WorldFixture world;
  String run;

  @BeforeAll
  static void open() throws Exception {
    h = WspHarness.open(dir);
    world = WorldFixture.write(h.substrate.objectStore(), dir, "restart", Map.of(OutputIds.ARRIVAL_EVENTS, ROWS,
        OutputIds.TRAFFIC_FRAUD, ROWS), 3);
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @BeforeEach
  void freshRun() throws Exception {
    run = h.freshFraudRun(0);
  }

  @AfterEach
  void undeploy() throws Exception {
    h.undeployAll();
  }

  WspConfig config() {
    return h.config(Map.of("batch_size", 8, "context_output_ids", List.of(OutputIds.ARRIVAL_EVENTS)));
  }

  @Test
  void shouldResumeAfterTheLastCheckpointWhenRedeployedMidStream() throws Exception {
    h.ig.delay(10);
    String first = h.deploy(config());
    String mid = h.publishReady(run, SR, run, world.engineRoot);
    WspHarness.awaitTrue(() -> h.ig.arrivals(OutputIds.TRAFFIC_FRAUD).size() >= 40, Duration.ofSeconds(30),
        "40 traffic events");

    h.undeploy(first);

    assertThat(h.ready(mid).orElseThrow().status()).isEqualTo(ReadyStatus.PENDING);
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP stream interrupted") && l.contains(
        "output_id=" + OutputIds.TRAFFIC_FRAUD));
    CheckpointRow stopped = checkpoint(OutputIds.TRAFFIC_FRAUD);
    assertThat(stopped.status()).isEqualTo("INTERRUPTED");
    assertThat(stopped.cursor().emitted()).isEqualTo(h.ig.arrivals(OutputIds.TRAFFIC_FRAUD).size());
    CheckpointRow rewound = rewind(stopped, 5);
    int seenBefore = h.ig.arrivals(OutputIds.TRAFFIC_FRAUD).size();

    h.deploy(config());
    ReadyRecord done = h.awaitReady(mid, r -> r.status() != ReadyStatus.PENDING);

    assertThat(done.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(done.emitted()).isEqualTo(2L * ROWS);
    List<FakeIg.Arrival> traffic = h.ig.arrivals(OutputIds.TRAFFIC_FRAUD);
    List<String> ids = world.eventIds(OutputIds.TRAFFIC_FRAUD);
    assertThat(traffic.get(seenBefore).eventId()).as("first event after restart")
        .isEqualTo(ids.get((int) rewound.cursor().emitted()));
    assertThat(traffic.subList(seenBefore, seenBefore + 5)).allMatch(a -> a.decision().equals("DUPLICATE"));
    assertAdmittedExactlyOnce();
  }

  @Test
  void shouldTakeOverTheStreamOnceADeadHoldersLeaseExpires() throws Exception {
    CheckpointStore leases = new CheckpointStore(h.substrate.db(), h.clock);
    await(leases.acquire(WspInstance.GROUP_ID, "ghost@pid1-dead", Duration.ofSeconds(2)));

    assertThatThrownBy(() -> h.deploy(config())).isInstanceOf(LeaseHeldException.class).hasMessageContaining("held by ghost@pid1-dead");

    h.clock.advance(Duration.ofMillis(2100)); // the ghost never renews: its lease is now past its TTL
    h.deploy(config());
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(h.awaitReady(mid, r -> r.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.STREAMED);
    assertAdmittedExactlyOnce();
  }

  private CheckpointRow checkpoint(String output) throws Exception {
    String scope = CheckpointScope.key(world.packId, run, SR, Lanes.SINGLE, "");
    return await(h.store.checkpoint(scope, output)).orElseThrow();
  }

  /** What a crash between acknowledgement and checkpoint leaves: a cursor {@code n} events behind the acks. */
  private CheckpointRow rewind(CheckpointRow row, int n) throws Exception {
    Cursor c = row.cursor();
    assertThat(c.rowIndex()).isGreaterThanOrEqualTo(n);
    CheckpointRow back = row.with(new Cursor(c.part(), c.rowIndex() - n, c.tsUtc(), c.emitted() - n), row.status(),
        null, row.firstPushAtUtc(), row.lastAckAtUtc());
    await(h.store.saveCheckpoint(h.substrate.db().pool(), back, 0));
    return back;
  }

  private void assertAdmittedExactlyOnce() {
    for (String output : OUTPUTS) {
      Map<String, Long> admits = h.ig.arrivals(output).stream().filter(a -> a.decision().equals("ADMIT"))
          .collect(Collectors.groupingBy(FakeIg.Arrival::eventId, Collectors.counting()));
      assertThat(admits).as(output).hasSize(ROWS).containsOnlyKeys(world.eventIds(output))
          .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
      assertThat(h.ig.arrivals(output)).allMatch(a -> !a.decision().equals("QUARANTINE"));
    }
  }
}
