package dev.fp.obsgov.report;

/**
 * {@code REPORTER_LOCK_NOT_ACQUIRED:<key>}: another reporter (the obs_gov pack's worker, a P11 closeout or a manual
 * {@code fp report}) holds the run's single-writer lock; the message names the holder.
 */
public final class ReporterLockHeldException extends RuntimeException {
  public static final String CODE = "REPORTER_LOCK_NOT_ACQUIRED";

  public ReporterLockHeldException(String key, String holder) {
    super(CODE + ":" + key + " held by " + holder + " (one reporter per run: stop it, or let it finish, then retry)");
  }
}
