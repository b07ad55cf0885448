package dev.fp.ingress.ig;

import dev.fp.ingress.ig.store.IgTx;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of IG's state on the StateStore: units of work (claims, settlements, sweeps, reconciliations) submitted
 * while a batch is being committed wait, then run one after another into the next {@link WriteBatch}, which is
 * committed once — one durable write for many cycles. One batch at a time: a unit's reads ({@link IgTx}) see every
 * earlier batch and the earlier units of its own, so its read-check-write is never interleaved with another's. A
 * unit's future completes only after its batch is durable; if any unit of a batch fails, nothing of the batch is
 * written and every unit in it fails with that cause (units are written not to fail: guarded state changes, first
 * write wins). State lives on one context.
 */
final class StateCommit {
  private final StateStore store;
  private final Context context;
  private final int maxUnits;
  private final ArrayDeque<Unit<?>> pending = new ArrayDeque<>();
  private boolean running;

  private record Unit<T>(String op, Function<IgTx, Future<T>> work, Promise<T> promise) {
  }

  StateCommit(StateStore store, Context context, int maxUnits) {
    this.store = store;
    this.context = context;
    this.maxUnits = maxUnits;
  }

  <T> Future<T> submit(String op, Function<IgTx, Future<T>> work) {
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
    if (running || pending.isEmpty()) {
      return;
    }
    List<Unit<?>> batch = new ArrayList<>();
    while (!pending.isEmpty() && batch.size() < maxUnits) {
      batch.add(pending.poll());
    }
    running = true;
    WriteBatch writes = new WriteBatch();
    IgTx tx = new IgTx(store, writes);
    List<Object> results = new ArrayList<>(batch.size());
    // compose: a synchronous throw from a unit still fails (and releases) this batch instead of wedging the queue
    Future.succeededFuture().compose(v -> runAll(tx, batch, 0, results))
        .compose(v -> writes.isEmpty() ? Future.succeededFuture() : store.commit(writes))
        .onComplete(ar -> {
          running = false;
          for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), ar.succeeded() ? results.get(i) : null, ar.cause());
          }
          drain();
        });
  }

  private static Future<Void> runAll(IgTx tx, List<Unit<?>> batch, int i, List<Object> results) {
    if (i == batch.size()) {
      return Future.succeededFuture();
    }
    return batch.get(i).work().apply(tx).compose(r -> {
      results.add(r);
      return runAll(tx, batch, i + 1, results);
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
