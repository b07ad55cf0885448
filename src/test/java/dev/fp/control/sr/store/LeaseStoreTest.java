package dev.fp.control.sr.store;

import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.testing.TestClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SR leases on SQLite: busy, expiry, release and fencing (control_ingress §3.3). */
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
class LeaseStoreTest {
  static final Duration TTL = Duration.ofSeconds(300);
  static final String RUN = "7e0847b8622533045c5b69bce61c88bd";

  @TempDir
  Path tmp;
  Vertx vertx;
  Db db;
  TestClock clock = new TestClock(Instant.parse("2026-02-10T09:20:00Z"));
  LeaseStore leases;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    db = await(Db.open(vertx, new SqlConfig("sqlite", tmp.resolve("state.db"), null)));
    leases = new LeaseStore(db, clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(db.close());
  }

  @Test
  void shouldRefuseASecondHolderWhileTheLeaseIsLive() throws Exception {
    await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));

    assertThatThrownBy(() -> await(leases.acquire(RUN, "b", TTL, SrCodes.LEASE_BUSY)))
        .isInstanceOf(SrException.class).hasMessageStartingWith("LEASE_BUSY").hasMessageContaining("held by a")
        .satisfies(e -> assertThat(((SrException) e).remedy()).contains("DELETE FROM sr_run_leases"));
  }

  @Test
  void shouldLetANewHolderTakeAnExpiredLeaseAndFenceTheOldOne() throws Exception {
    SrLease first = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));
    clock.advance(TTL.plusSeconds(1));
    SrLease second = await(leases.acquire(RUN, "b", TTL, SrCodes.LEASE_BUSY));

    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThatThrownBy(() -> await(leases.renew(first, TTL, "write plan"))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("LEASE_LOST").hasMessageContaining("write plan");
    assertThat(await(leases.renew(second, TTL, "write plan")).fencingToken()).isEqualTo(second.fencingToken());
  }

  @Test
  void shouldLoseAnExpiredLeaseEvenWithoutATakeover() throws Exception {
    SrLease lease = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));
    clock.advance(TTL.plusSeconds(1));

    assertThatThrownBy(() -> await(leases.renew(lease, TTL, "op"))).hasMessageStartingWith("LEASE_LOST");
  }

  @Test
  void shouldExtendTheLeaseOnRenew() throws Exception {
    SrLease lease = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));
    clock.advance(Duration.ofSeconds(200));
    await(leases.renew(lease, TTL, "op"));
    clock.advance(Duration.ofSeconds(200));

    assertThatThrownBy(() -> await(leases.acquire(RUN, "b", TTL, SrCodes.LEASE_BUSY)))
        .hasMessageStartingWith("LEASE_BUSY");
  }

  @Test
  void shouldLetTheNextHolderInAtOnceAfterRelease() throws Exception {
    SrLease first = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));
    await(leases.release(first));

    SrLease second = await(leases.acquire(RUN, "b", TTL, SrCodes.LEASE_BUSY));
    assertThat(await(leases.read(RUN)).orElseThrow().ownerId()).isEqualTo("b");
    await(leases.release(first));
    assertThat(await(leases.read(RUN)).orElseThrow().expiresAtMs()).isEqualTo(second.expiresAtMs());
  }

  @Test
  void shouldLetTheSameOwnerReacquireWithANewFencingToken() throws Exception {
    SrLease first = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));
    SrLease again = await(leases.acquire(RUN, "a", TTL, SrCodes.LEASE_BUSY));

    assertThat(again.fencingToken()).isEqualTo(first.fencingToken() + 1);
  }

  @Test
  void shouldReportTheCallersBusyCode() throws Exception {
    await(leases.acquire("reemit:" + RUN + ":READY_ONLY", "a", TTL, SrCodes.REEMIT_BUSY));

    assertThatThrownBy(() -> await(leases.acquire("reemit:" + RUN + ":READY_ONLY", "b", TTL, SrCodes.REEMIT_BUSY)))
        .hasMessageStartingWith("REEMIT_BUSY");
  }
}
