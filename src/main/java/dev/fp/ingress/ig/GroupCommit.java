package dev.fp.ingress.ig;

import dev.fp.substrate.sql.Db;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for IG's state: units of store work submitted while a transaction is running wait and then run
 * together, one after another, in the next transaction, so concurrent cycles (claims, settlements, evidence index
 * rows) share one commit. On SQLite (one writer, one fsync per commit) one transaction runs at a time; on PostgreSQL
 * up to {@code concurrency}. A unit's future completes only after its transaction committed; if any unit of a
 * transaction fails, the transaction rolls back and every unit in it fails with that cause (units are written not to
 * fail: guarded updates, {@code ON CONFLICT DO NOTHING}). State lives on one context.
 */
final class GroupCommit {
  private final Db db;
  private final Context context;
  private final int concurrency;
  private final int maxUnits;
  private final ArrayDeque<Unit<?>> pending = new ArrayDeque<>();
  private int running;

  private record Unit<T>(String op, Function<SqlConnection, Future<T>> work, Promise<T> promise) {
  }

  GroupCommit(Db db, Context context, int concurrency, int maxUnits) {
    this.db = db;
    this.context = context;
    this.concurrency = concurrency;
    this.maxUnits = maxUnits;
  }

  <T> Future<T> submit(String op, Function<SqlConnection, Future<T>> work) {
    Unit<T> unit = new Unit<>(op, work, Promise.promise());
    if (Vertx.currentContext() == context) {
      enqueue(unit);
    } else {
      context.runOnContext(v -> enqueue(unit));
    }
    return unit.promise().future();
  }

  private void enqueue(Unit<?> unit) {
    pending.add(unit);
    drain();
  }

  private void drain() {
    while (running < concurrency && !pending.isEmpty()) {
      List<Unit<?>> batch = new ArrayList<>();
      while (!pending.isEmpty() && batch.size() < maxUnits) {
        batch.add(pending.poll());
      }
      running++;
      List<Object> results = new ArrayList<>(batch.size());
      // compose: a synchronous throw from the pool still fails (and releases) this batch instead of wedging the queue
      Future.succeededFuture().compose(v -> db.withTransaction("ig group commit of " + batch.size() + " ("
              + batch.get(0).op() + ", …)", conn -> runAll(conn, batch, 0, results)))
          .onComplete(ar -> {
            running--;
            for (int i = 0; i < batch.size(); i++) {
              complete(batch.get(i), ar.succeeded() ? results.get(i) : null, ar.cause());
            }
            drain();
          });
    }
  }

  private static Future<Void> runAll(SqlConnection conn, List<Unit<?>> batch, int i, List<Object> results) {
    if (i == batch.size()) {
      return Future.succeededFuture();
    }
    return batch.get(i).work().apply(conn).compose(r -> {
      results.add(r);
      return runAll(conn, batch, i + 1, results);
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Unit<T> unit, Object result, Throwable failure) {
    if (failure != null) {
      unit.promise().fail(failure);
    } else {
      unit.promise().complete((T) result);
    }
  }
}
