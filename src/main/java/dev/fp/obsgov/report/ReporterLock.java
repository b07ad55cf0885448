package dev.fp.obsgov.report;

import dev.fp.obsgov.report.core.LockIds;
import dev.fp.platform.Substrate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The reporter's single-writer lock per run, key {@code reporter:<platform_run_id>} (reference §5.1): a PostgreSQL
 * session advisory lock on parity, an OS file lock on embedded. Taken by the obs_gov pack's reporter worker for as
 * long as it runs, and by P11 or a manual {@code fp report} when no worker does, so two reporters never write (or
 * append governance lines) at once. A held lock fails {@link #acquire} with {@link ReporterLockHeldException} naming
 * the holder; a process that dies releases its lock with it.
 */
public interface ReporterLock {

  /** One held lock; {@link #release} is idempotent. */
  interface Lease {
    String key();

    Future<Void> release();
  }

  /**
   * Takes the lock for {@code platformRunId} for {@code holder} (shown to whoever is refused), or fails with
   * {@link ReporterLockHeldException}.
   */
  Future<Lease> acquire(String platformRunId, String holder);

  /** The lock of the substrate's profile: advisory lock when the SQL store is PostgreSQL, file lock otherwise. */
  static ReporterLock of(Vertx vertx, Substrate substrate) {
    if (substrate.db() != null && "postgres".equals(substrate.db().dialect().name())) {
      return new PgReporterLock(substrate.db());
    }
    return new FileReporterLock(vertx, substrate.config().platformRoot());
  }

  /** {@code reporter:<run>}. */
  static String key(String platformRunId) {
    return LockIds.reporterKey(platformRunId);
  }
}
