package dev.fp.control.wsp;

import dev.fp.contract.OperatorRequests;
import dev.fp.contract.OutputIds;
import dev.fp.control.wsp.FakeIg.Fault;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.control.wsp.store.ReadyRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** How WSP rides out IG's transient answers and gives up on the final ones (control_ingress §4.8, ARCHITECTURE §6). */
class WspRetryTest {
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
    world = WorldFixture.fraud(h.substrate.objectStore(), dir, "retry", 9, 2);
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @BeforeEach
  void freshRun() throws Exception {
    run = h.freshFraudRun(6);
  }

  @AfterEach
  void undeploy() throws Exception {
    h.undeployAll();
  }

  @Test
  void shouldRetryTransientAnswersInBatchModeUntilEveryEventIsAdmittedOnce() throws Exception {
    h.ig.failNext(Fault.status(409), Fault.status(429), Fault.applyThenDrop(), Fault.status(503), Fault.status(500),
        Fault.drop(), Fault.status(502), Fault.status(408), Fault.applyThenDrop());
    h.deploy(h.config(Map.of("batch_size", 2)));

    ReadyRecord r = h.awaitReady(h.publishReady(run, SR, run, world.engineRoot),
        x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(r.emitted()).isEqualTo(24);
    assertThat(h.ig.pendingFaults()).isZero();
    assertAdmittedOnceInOrder();
    assertThat(h.ig.arrivals()).anyMatch(a -> a.decision().equals("DUPLICATE"));
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP IG push retry attempt=1/8")
        && l.contains("status=409"));
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP IG push retry") && l.contains("transport error"));
  }

  @Test
  void shouldResendOnlyTheItemsIgLeftUndecidedInABatch() throws Exception {
    h.ig.failNext(Fault.partial(1, 409), Fault.partial(0, 503), Fault.partial(2, 409));
    h.deploy(h.config(Map.of("batch_size", 3, "output_concurrency", 1)));

    ReadyRecord r = h.awaitReady(h.publishReady(run, SR, run, world.engineRoot),
        x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(h.ig.arrivals()).allMatch(a -> a.decision().equals("ADMIT")).hasSize(24);
    assertAdmittedOnceInOrder();
  }

  @Test
  void shouldFailWhenIgRefusesAnItemOfABatchForGood() throws Exception {
    h.ig.failNext(Fault.partial(1, 403));
    h.deploy(h.config(Map.of("batch_size", 3, "output_concurrency", 1)));

    ReadyRecord r = h.awaitReady(h.publishReady(run, SR, run, world.engineRoot),
        x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.FAILED);
    assertThat(r.reason()).isEqualTo("IG_PUSH_REJECTED");
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("item 1 of the batch refused with status 403"));
  }

  @Test
  void shouldRetryTransientAnswersInSinglePushMode() throws Exception {
    h.ig.failNext(Fault.status(503), Fault.applyThenDrop(), Fault.status(409), Fault.drop(), Fault.status(429));
    h.deploy(h.config(Map.of("push_mode", "single", "checkpoint_every", 2)));

    ReadyRecord r = h.awaitReady(h.publishReady(run, SR, run, world.engineRoot),
        x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(h.ig.batches()).isZero();
    assertAdmittedOnceInOrder();
  }

  @Test
  void shouldFailTheStreamOnEachNonRetryableStatusWithoutRetrying() throws Exception {
    for (int status : new int[] {400, 403, 413}) {
      String mid = rejectedRun(status, Map.of());

      ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

      assertThat(r.status()).as("status %d", status).isEqualTo(ReadyStatus.FAILED);
      assertThat(r.reason()).isEqualTo("IG_PUSH_REJECTED");
      assertThat(h.ig.requests()).as("no retry after %d", status).isEqualTo(1);
      assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP stream failed") && l.contains("reason=IG_PUSH_REJECTED")
          && l.contains("status=" + status + " body={\"error\":\"INJECTED\""));
      h.undeployAll();
    }
  }

  @Test
  void shouldFailTheStreamWhenIgRefusesTheApiKey() throws Exception {
    String mid = rejectedRun(null, Map.of("api_key", "not-the-key"));

    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.FAILED);
    assertThat(r.reason()).isEqualTo("IG_PUSH_REJECTED");
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("reason=IG_PUSH_REJECTED") && l.contains("status=401")
        && !l.contains("not-the-key"));
  }

  @Test
  void shouldGiveUpAfterTheConfiguredAttempts() throws Exception {
    String mid = rejectedRun(503, Map.of("retry_max_attempts", 3));

    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING);

    assertThat(r.status()).isEqualTo(ReadyStatus.FAILED);
    assertThat(r.reason()).isEqualTo("IG_PUSH_RETRY_EXHAUSTED");
    assertThat(h.ig.requests()).isEqualTo(3);
  }

  @Test
  void shouldReDriveAFailedReadyOnRequestWhileItHoldsTheLease() throws Exception {
    String mid = rejectedRun(503, Map.of("retry_max_attempts", 2));
    assertThat(h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING).status()).isEqualTo(ReadyStatus.FAILED);
    h.ig.failAlways(null);

    Integer requeued = await(h.vertx.eventBus().<Integer>request(OperatorRequests.WSP_RETRY_FAILED_READIES, run))
        .body();

    assertThat(requeued).isEqualTo(1);
    ReadyRecord r = h.awaitReady(mid, x -> x.status() != ReadyStatus.PENDING && x.status() != ReadyStatus.FAILED);
    assertThat(r.status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("operator re-drive: re-queued 1 FAILED READY(s) of " + run));
    assertAdmittedOnceInOrder();
  }

  /** A fresh run streamed by one output at a time against an IG that answers {@code status} to everything. */
  private String rejectedRun(Integer status, Map<String, Object> overrides) throws Exception {
    run = h.freshFraudRun(6);
    h.ig.failAlways(status);
    Map<String, Object> cfg = new java.util.HashMap<>(overrides);
    cfg.put("output_concurrency", 1);
    h.deploy(h.config(cfg));
    return h.publishReady(run, SR, run, world.engineRoot);
  }

  /** Every event ADMITted exactly once, first seen in stream order; other sightings are DUPLICATEs. */
  private void assertAdmittedOnceInOrder() {
    for (String output : FRAUD) {
      List<FakeIg.Arrival> seen = h.ig.arrivals(output);
      Map<String, Long> admits = seen.stream().filter(a -> a.decision().equals("ADMIT"))
          .collect(Collectors.groupingBy(FakeIg.Arrival::eventId, Collectors.counting()));
      List<String> expected = world.eventIds(output).subList(0, 6);
      assertThat(admits).as(output).containsOnlyKeys(expected).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      assertThat(seen).allMatch(a -> a.decision().equals("ADMIT") || a.decision().equals("DUPLICATE"));
      assertThat(seen.stream().map(FakeIg.Arrival::eventId).distinct().toList()).as(output + " order")
          .containsExactlyElementsOf(expected);
    }
  }

}
