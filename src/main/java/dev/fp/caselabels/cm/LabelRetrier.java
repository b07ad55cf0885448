package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.CmCounters;
import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.caselabels.cm.core.LabelHandshake;
import dev.fp.caselabels.cm.store.CmTables;
import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.PendingRow;
import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.core.BatchWrites;
import dev.fp.platform.stream.core.Counters;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.GroupLease;
import dev.fp.substrate.eventlog.LeaseHolders;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The retry path of PENDING labels (reference case_ops_obs §2.5 {@code retry_pending}, which nothing scheduled there,
 * §8.6): every tick it reads the run's pending index, and for each label due again either rejects it with
 * {@value LabelHandshake#RETRY_LIMIT_EXCEEDED} (attempts used up, LS not called) or submits it in one
 * {@link LabelRound} with the others; it commits the answers, the decided labels' events and its counters in one
 * StateStore batch fenced by its own lease ({@code cm_label_retry.v0::<run>}: one retrier per run). It keeps the pending
 * count and the oldest pending label's first attempt time for CM's metrics.
 */
final class LabelRetrier {
  static final String NAME = "cm_label_retry";
  private static final int BATCH_MAX = 500;

  /** What the last tick saw: PENDING labels after an attempt, and the first attempt of the oldest of them. */
  record Status(long pending, String oldestFirstRequestedAtUtc, Counters counters) {
  }

  private final Vertx vertx;
  private final StateStore store;
  private final CheckpointStore leases;
  private final String run;
  private final LabelRound round;
  private final LabelEmissionPolicy policy;
  private final Clock clock;
  private final Logger log;
  private GroupLease lease;
  private long timer = -1;
  private Future<Void> inFlight = Future.succeededFuture();
  private volatile Status status = new Status(0, null, Counters.zero(CmCounters.RETRY_ALL));
  private volatile boolean stopped;

  LabelRetrier(Vertx vertx, StateStore store, CheckpointStore leases, String run, LabelRound round,
               LabelEmissionPolicy policy, Clock clock, Logger log) {
    this.vertx = vertx;
    this.store = store;
    this.leases = leases;
    this.run = run;
    this.round = round;
    this.policy = policy;
    this.clock = clock;
    this.log = log;
  }

  static String groupId(String platformRunId) {
    return NAME + ".v0::" + platformRunId;
  }

  /** Takes the retrier's lease, restores its counters, ticks every {@code tick}; call on the verticle's context. */
  Future<Void> start(Duration tick, Duration leaseTtl) {
    String group = groupId(run);
    return GroupLease.acquire(vertx, leases, group, LeaseHolders.newHolder(group), leaseTtl, lost -> {
      log.error("{}: lease lost ({}), label retries stop", group, lost.getMessage());
      stopped = true;
      vertx.cancelTimer(timer);
    }).compose(l -> {
      lease = l;
      return CountersTable.read(store, run, NAME, CmCounters.RETRY_ALL);
    }).map(c -> {
      status = new Status(0, null, c);
      timer = vertx.setPeriodic(1, tick.toMillis(), t -> tick());
      return null;
    });
  }

  Status status() {
    return status;
  }

  /** One pass over the due labels; skipped while the previous pass runs. Public for tests through the verticle. */
  Future<Void> tick() {
    if (stopped || !inFlight.isComplete()) {
      return inFlight;
    }
    inFlight = pass().recover(err -> {
      log.warn("{}: label retry pass failed, next tick retries: {}", groupId(run), err.toString());
      return Future.succeededFuture();
    });
    return inFlight;
  }

  private Future<Void> pass() {
    return store.scan(CmTables.PENDING, KeyRange.prefix(CmTables.runPrefix(run)), BATCH_MAX).compose(rows -> {
      String now = Timestamps.now(clock);
      String oldest = null;
      List<EmissionKey> due = new ArrayList<>();
      for (KeyValue<EmissionKey, PendingRow> kv : rows) {
        PendingRow p = kv.value();
        if (oldest == null || p.firstRequestedAtUtc().compareTo(oldest) < 0) {
          oldest = p.firstRequestedAtUtc();
        }
        if (p.nextAttemptAtUtc() == null || p.nextAttemptAtUtc().compareTo(now) <= 0) {
          due.add(kv.key());
        }
      }
      Counters counters = status.counters();
      status = new Status(rows.size(), oldest, counters);
      return due.isEmpty() ? Future.succeededFuture() : retry(due);
    });
  }

  private Future<Void> retry(List<EmissionKey> due) {
    return store.multiGet(CmTables.EMISSIONS, due).compose(found -> {
      String now = Timestamps.now(clock);
      List<LabelRound.Result> decided = new ArrayList<>();
      List<LabelRound.Item> again = new ArrayList<>();
      List<EmissionKey> stale = new ArrayList<>();
      for (EmissionKey k : due) {
        EmissionRow row = found.get(k);
        if (row == null || !row.pending()) {
          stale.add(k);     // decided meanwhile: only the index entry is left
        } else if (row.attemptCount() >= policy.maxRetryAttempts()) {
          decided.add(new LabelRound.Result(k, LabelHandshake.retryLimit(row, now)));
        } else {
          again.add(new LabelRound.Item(k, row));
        }
      }
      return round.submit(again).compose(answers -> {
        Writes w = new Writes();
        stale.forEach(k -> w.batch.delete(CmTables.PENDING, k));
        LabelRound.record(decided, run, now, w, false);
        LabelRound.record(answers, run, now, w, true);
        Counters next = status.counters().plus(w.counts);
        w.batch.put(CountersTable.TABLE, new CountersTable.Key(run, NAME), new java.util.TreeMap<>(next.values()))
            .fence(lease.current());
        return store.commit(w.batch).map(v -> {
          Status s = status;
          status = new Status(s.pending(), s.oldestFirstRequestedAtUtc(), next);
          if (!decided.isEmpty() || !answers.isEmpty()) {
            log.info("{}: {} label(s) retried, {} rejected at the retry limit", groupId(run), answers.size(),
                decided.size());
          }
          return null;
        });
      });
    });
  }

  /** Waits for the pass in flight, stops ticking and releases the lease. */
  Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return inFlight.eventually(() -> lease == null ? Future.succeededFuture() : lease.release());
  }

  /** A fenced StateStore batch seen as {@link BatchWrites}, its counter deltas kept aside. */
  private static final class Writes implements BatchWrites {
    final WriteBatch batch = new WriteBatch();
    final Map<String, Long> counts = new HashMap<>();

    @Override
    public <K, V> void put(Table<K, V> table, K key, V value) {
      batch.put(table, key, value);
    }

    @Override
    public <K, V> void delete(Table<K, V> table, K key) {
      batch.delete(table, key);
    }

    @Override
    public void count(String name, long delta) {
      counts.merge(name, delta, Long::sum);
    }
  }
}
