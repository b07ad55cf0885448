package dev.fp.platform.governance;

import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Records a stream component's anomaly rows (CT's trigger collisions, AW's replay-basis mismatches) as governance
 * events once they are committed: every interval the first {@value #LIMIT} rows of the run in {@code table} are
 * offered to a {@link GovernanceOutbox}, which records each event once. Reading committed rows rather than the batch
 * in progress means an event stands only for a durable fact, and the component's batches never wait on the log.
 * Anomaly tables are empty in a healthy run, so a sweep costs one seek; beyond {@value #LIMIT} rows the component's
 * RED health and the rows themselves are the evidence.
 */
public final class AnomalyRowsSweep<K, V> {
  public static final int LIMIT = 100;
  private final Vertx vertx;
  private final StateStore store;
  private final Table<K, V> table;
  private final byte[] runPrefix;
  private final BiFunction<K, V, GovernanceEmit> toEvent;
  private final GovernanceOutbox outbox;
  private final Logger log;
  private long timer = -1;
  private boolean sweeping;

  public AnomalyRowsSweep(Vertx vertx, StateStore store, Table<K, V> table, byte[] runPrefix,
                          BiFunction<K, V, GovernanceEmit> toEvent, Logger log) {
    this.vertx = vertx;
    this.store = store;
    this.table = table;
    this.runPrefix = runPrefix.clone();
    this.toEvent = toEvent;
    this.outbox = new GovernanceOutbox(vertx, log);
    this.log = log;
  }

  /** Sweeps every {@code interval}, on the caller's context. */
  public AnomalyRowsSweep<K, V> start(Duration interval) {
    timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), t -> {
      if (!sweeping) {
        sweeping = true;
        sweep().onComplete(ar -> sweeping = false);
      }
    });
    return this;
  }

  /** Offers the current rows; completes when they are queued (not yet recorded). A failed read is logged. */
  public Future<Void> sweep() {
    return store.scan(table, KeyRange.prefix(runPrefix), LIMIT)
        .<Void>map(rows -> {
          rows.forEach(kv -> outbox.offer(toEvent.apply(kv.key(), kv.value())));
          return null;
        })
        .recover(err -> {
          log.warn("anomaly sweep of {} failed: {}", table.name(), err.getMessage());
          return Future.succeededFuture();
        });
  }

  /** The outbox the events go through (tests wait on it). */
  public GovernanceOutbox outbox() {
    return outbox;
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
