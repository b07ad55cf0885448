package dev.fp.obsgov.report;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fp.testing.Await.await;
import static dev.fp.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporter's single-writer lock on each profile: a second reporter of the same run is refused and told who holds
 * the lock; another run's reporter is not; once released the lock can be taken again. Subclasses supply the lock and
 * a second, independent handle on it (another "process").
 */
@ExtendWith(VertxExtension.class)
abstract class ReporterLockContractTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String OTHER = "platform_20260101T000001Z";

  protected abstract ReporterLock lock(Vertx vertx) throws Exception;

  protected abstract ReporterLock secondHandle(Vertx vertx) throws Exception;

  @Test
  void shouldRefuseASecondReporterOfTheRunNamingTheHolder(Vertx vertx) throws Exception {
    ReporterLock.Lease first = await(lock(vertx).acquire(RUN, "fp platform_run_reporter 1@host"));
    try {
      Throwable refused = failure(secondHandle(vertx).acquire(RUN, "fp report 2@host"));

      assertThat(refused).isInstanceOf(ReporterLockHeldException.class)
          .hasMessageContaining("REPORTER_LOCK_NOT_ACQUIRED:reporter:" + RUN)
          .hasMessageContaining("fp platform_run_reporter 1@host");
      ReporterLock.Lease other = await(secondHandle(vertx).acquire(OTHER, "fp report 2@host"));
      await(other.release());
    } finally {
      await(first.release());
    }
    ReporterLock.Lease again = await(secondHandle(vertx).acquire(RUN, "fp report 2@host"));
    await(again.release());
    await(again.release());
  }
}
