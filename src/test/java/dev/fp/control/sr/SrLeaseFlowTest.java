package dev.fp.control.sr;

import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.control.sr.store.LeaseStore;
import dev.fp.testing.ForwardingObjectStore;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.control.sr.SrTestSupport.KEYS;
import static dev.fp.control.sr.SrTestSupport.RUN_ID;
import static dev.fp.control.sr.SrTestSupport.bytes;
import static dev.fp.control.sr.SrTestSupport.controlMessages;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SR lease around a submission: LEASE_BUSY, expiry takeover, and LEASE_LOST when fenced out mid-run. */
class SrLeaseFlowTest {
  @TempDir
  Path tmp;
  SrFixture fx;
  LeaseStore leases;

  @BeforeEach
  void setUp() throws Exception {
    fx = SrFixture.embedded(tmp);
    leases = new LeaseStore(fx.substrate.db(), fx.clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void shouldReportLeaseBusyWhileAnotherSubmissionHoldsTheRun() throws Exception {
    await(leases.acquire(RUN_ID, "other-sr", Duration.ofSeconds(300), SrCodes.LEASE_BUSY));

    assertThatThrownBy(() -> await(fx.service().run(fx.request(KEY)))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("LEASE_BUSY").hasMessageContaining("other-sr");
    assertThat(Files.readString(fx.runLog())).contains("LEASE_BUSY");
    assertThat(bytes(fx, KEYS.plan())).isEmpty();
  }

  @Test
  void shouldTakeTheRunOverOnceTheOtherLeaseExpired() throws Exception {
    await(leases.acquire(RUN_ID, "other-sr", Duration.ofSeconds(300), SrCodes.LEASE_BUSY));
    fx.clock.advance(Duration.ofSeconds(301));

    assertThat(await(fx.service().run(fx.request(KEY))).readyPublished()).isTrue();
  }

  @Test
  void shouldTakeTheRunOverAtOnceFromAKilledProcessOfThisHost() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    await(leases.acquire(RUN_ID, "sr-local@pid" + gone.pid() + "-0123abcd@" + host, Duration.ofSeconds(300),
        SrCodes.LEASE_BUSY));

    assertThat(await(fx.service().run(fx.request(KEY))).readyPublished()).isTrue();
    assertThat(await(leases.read(RUN_ID)).orElseThrow().ownerId()).startsWith("sr-test@pid"
        + ProcessHandle.current().pid() + "-").endsWith("@" + host);
  }

  @Test
  void shouldWaitForTheLeaseOfALiveProcessOrOfAnotherHost() throws Exception {
    String host = java.net.InetAddress.getLocalHost().getHostName();
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    for (String owner : List.of("sr-local@pid" + parent + "-0123abcd@" + host, "sr-local@pid1-0123abcd@elsewhere")) {
      await(leases.acquire(RUN_ID, owner, Duration.ofSeconds(300), SrCodes.LEASE_BUSY));

      assertThatThrownBy(() -> await(fx.service().run(fx.request(KEY)))).isInstanceOf(SrException.class)
          .hasMessageStartingWith("LEASE_BUSY").hasMessageContaining(owner);
      fx.clock.advance(Duration.ofSeconds(301));
    }
  }

  @Test
  void shouldStopWithLeaseLostWhenTakenOverMidRun() throws Exception {
    var takeover = new ForwardingObjectStore(fx.substrate.objectStore(), "/run_plan/", key -> {
      fx.clock.advance(Duration.ofSeconds(301));
      return leases.acquire(RUN_ID, "intruder", Duration.ofSeconds(300), SrCodes.LEASE_BUSY).mapEmpty();
    });

    assertThatThrownBy(() -> await(fx.service(takeover, fx.substrate.eventLog()).run(fx.request(KEY))))
        .isInstanceOf(SrException.class).hasMessageStartingWith("LEASE_LOST");
    assertThat(bytes(fx, KEYS.readySignal())).isEmpty();
    assertThat(controlMessages(fx)).isEmpty();
    assertThat(await(leases.read(RUN_ID)).orElseThrow().ownerId()).isEqualTo("intruder");
  }

  @Test
  void shouldLetOnlyOneOfTwoConcurrentSubmissionsRun() throws Exception {
    Future<SrResult> a = fx.service().run(fx.request(KEY));
    Future<SrResult> b = fx.service().run(fx.request(KEY));
    await(Future.join(a, b).otherwiseEmpty());

    long ready = java.util.stream.Stream.of(a, b).filter(f -> f.succeeded() && f.result().readyPublished()).count();
    long busy = java.util.stream.Stream.of(a, b).filter(f -> f.failed()
        && f.cause().getMessage().startsWith("LEASE_BUSY")).count();
    assertThat(ready + busy).isEqualTo(2);
    assertThat(ready).isGreaterThanOrEqualTo(1);
    assertThat(controlMessages(fx)).hasSize(1);
  }
}
