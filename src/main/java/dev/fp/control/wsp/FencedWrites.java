package dev.fp.control.wsp;

import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.Lease;
import dev.fp.substrate.eventlog.LeaseLostException;
import dev.fp.substrate.sql.Db;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Every durable WSP write (READY status, checkpoints) in one transaction that first proves the consumer-group lease
 * is still ours (ARCHITECTURE §6): a stale instance gets {@link LeaseLostException} and writes nothing.
 */
final class FencedWrites {
  private final Db db;
  private final CheckpointStore leases;
  private final Supplier<Lease> lease;

  FencedWrites(Db db, CheckpointStore leases, Supplier<Lease> lease) {
    this.db = db;
    this.leases = leases;
    this.lease = lease;
  }

  /** Runs {@code work(tx, fencingToken)} after the fence, in one transaction named {@code op}. */
  <T> Future<T> run(String op, BiFunction<SqlConnection, Long, Future<T>> work) {
    Lease held = lease.get();
    return db.withTransaction(op, tx -> leases.fence(tx, held, op).compose(v -> work.apply(tx, held.fencingToken())))
        .recover(err -> Future.failedFuture(leaseLost(err)));
  }

  static boolean isLeaseLost(Throwable err) {
    return leaseLost(err) instanceof LeaseLostException;
  }

  private static Throwable leaseLost(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof LeaseLostException lost) {
        return lost;
      }
    }
    return err;
  }
}
