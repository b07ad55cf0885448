package dev.fp.platform.evidence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * How the segment layout commits its index rows: in a transaction of its own ({@link #of}) or inside a caller's
 * group commit, so a component that batches its own state changes pays one commit for both.
 */
@FunctionalInterface
public interface IndexTransactions {

  /** Runs {@code work} in a transaction and completes after it committed. */
  Future<Void> run(String op, Function<SqlConnection, Future<Void>> work);

  static IndexTransactions of(dev.fp.substrate.sql.Db db) {
    return db::withTransaction;
  }
}
