package dev.fp.platform.stream;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.core.BatchPlan;
import dev.fp.platform.stream.core.BatchState;
import dev.fp.platform.stream.core.Counters;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.RunScope;
import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.ConsumerOptions;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.GroupLease;
import dev.fp.substrate.eventlog.LeaseLostException;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import dev.fp.substrate.eventlog.ResumePositions;
import dev.fp.substrate.eventlog.StalePositionException;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream-processor shell (rtdl_design §1): runs a {@link StreamComponent}'s pure core over the event log for one
 * platform run, with its state and checkpoints in the StateStore. A component verticle is {@code start} in its
 * {@code start()} and {@link #stop()} in its {@code stop()}; everything else is here.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>One live instance</b> per consumer group {@code <name>.v0::<run>}: a lease on the SQL control store
 *       ({@link GroupLease}); a second instance fails to start with {@code LeaseHeldException} naming the holder.</li>
 *   <li><b>Resume</b> strictly after the checkpoint of every partition, trim_horizon without one.</li>
 *   <li><b>Batches</b>: each round reads up to {@code read_batch_max} records from every partition with data, decodes
 *       each once, applies the run-scope gate (other run / no run id / undecodable: skipped, counted, checkpointed
 *       past; undecodable ones logged with topic, partition and offset), prefetches the named keys (one
 *       {@code multiGet} per table), lets the component's {@link Enricher} fetch what lies outside its state,
 *       applies the core record by record over a read-your-writes overlay, runs the effects, then commits ONE
 *       {@link WriteBatch}: every mutation, the counters row, the checkpoint of every partition read, fenced by the
 *       lease. Any failure before the commit re-delivers the batch after a back-off; a lost lease stops the shell.
 *       A record that holds ({@code ProcessorContext.hold}) cuts its partition: the checkpoint stops before it and
 *       it is read again after the hold's delay (sooner while other partitions progress).</li>
 *   <li><b>Counters</b> live in {@link CountersTable}, loaded at start and rewritten by every commit: they survive
 *       restarts and count each committed record exactly once.</li>
 *   <li><b>Artifacts</b> every {@code artifact_interval_ms} and at stop, on a worker: health, metrics (counters and
 *       lag per partition) and the component's files, from its artifacts function.</li>
 *   <li><b>Stop</b>: no new round starts; the round in flight finishes (effects and commit); artifacts are written;
 *       the lease is released.</li>
 * </ul>
 *
 * <p>Example, a verticle:
 * <pre>{@code
 * public Future<?> start() {
 *   return StreamShell.start(services, component, platformRunId, StreamSettings.defaults()).onSuccess(s -> shell = s);
 * }
 * public Future<?> stop() {
 *   return shell == null ? Future.succeededFuture() : shell.stop();
 * }
 * }</pre>
 * Everything runs on the context that called {@link #start}; nothing blocks it.
 */
public final class StreamShell<E> implements Readiness {
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final EventLog log;
  private final StateStore store;
  private final CheckpointStore leases;
  private final StreamComponent<E> component;
  private final String runId;
  private final StreamSettings settings;
  private final ConsumerOptions options;
  private final RunScope scope;
  private final Logger logger;
  private final LagProbe lagProbe;
  private final StreamArtifacts artifacts;
  private final StreamGauges gauges;
  private final Map<TopicPartition, Cursor> cursors = new LinkedHashMap<>();
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private final Promise<Void> idle = Promise.promise();
  private final Promise<Void> done = Promise.promise();
  private GroupLease lease;
  private volatile Counters counters;
  private volatile List<PartitionLag> lag = List.of();
  private volatile String lastError;
  private volatile boolean running;
  private boolean stopping;
  private boolean leaseLost;
  private int failures;
  private long signals;
  private long sleepTimer = -1;
  private boolean wakeOnPublish;
  private long artifactTimer = -1;
  private Future<Void> lastArtifacts = Future.succeededFuture();
  private Future<Void> stopped;

  /** Where one partition is: the next read position and the last committed offset. */
  private static final class Cursor {
    Position position;
    String checkpoint;

    Cursor(Position position, String checkpoint) {
      this.position = position;
      this.checkpoint = checkpoint;
    }
  }

  /** One partition's records read in a round. */
  private record Read(TopicPartition partition, ReadBatch batch) {
  }

  /**
   * How a round went: whether any partition moved its checkpoint, and — when records wait ({@code hold}) — the
   * shortest time they asked to wait.
   */
  private record Round(boolean progressed, long holdMs) {
    static final Round IDLE = new Round(false, 0);
  }

  private StreamShell(PlatformServices services, Context context, StateStore store, StreamComponent<E> component,
                      String runId, StreamSettings settings) {
    this.vertx = services.vertx();
    this.context = context;
    this.log = services.substrate().eventLog();
    this.store = store;
    Clock clock = services.clock();
    this.leases = new CheckpointStore(services.substrate().db(), clock);
    this.component = component;
    this.runId = runId;
    this.settings = settings;
    this.options = ConsumerOptions.of(component.groupId(runId), component.topics())
        .withReadBatchMax(settings.readBatchMax()).withPollInterval(settings.pollInterval())
        .withLeaseTtl(settings.leaseTtl());
    this.scope = new RunScope(runId);
    this.logger = Logging.component(component.processId());
    this.lagProbe = new LagProbe(log, clock, settings.lagCountLimit());
    this.artifacts = new StreamArtifacts(vertx, services.health(), runId, component.directory());
    this.gauges = new StreamGauges(services.metrics().registry(), component.name(), () -> lag);
  }

  /**
   * Opens the StateStore, creates the component's tables, takes the group's lease, restores counters and
   * checkpoints, and starts consuming. Fails with {@code LeaseHeldException} when another instance holds the group.
   */
  public static <E> Future<StreamShell<E>> start(PlatformServices services, StreamComponent<E> component,
                                                  String platformRunId, StreamSettings settings) {
    Context context = services.vertx().getOrCreateContext();
    return services.substrate().stateStore().compose(store -> {
      StreamShell<E> shell = new StreamShell<>(services, context, store, component, platformRunId, settings);
      Promise<StreamShell<E>> started = Promise.promise();
      context.runOnContext(v -> shell.begin().map(shell).onComplete(started));
      return started.future();
    });
  }

  private Future<Void> begin() {
    List<Table<?, ?>> tables = new ArrayList<>(component.tables());
    tables.add(CountersTable.TABLE);
    List<String> names = new ArrayList<>(component.counterNames());
    names.addAll(ShellCounters.ALL);
    names.add(component.effectFailures());
    return store.ensureTables(tables)
        .compose(v -> GroupLease.acquire(vertx, leases, options.groupId(), options.holder(), options.leaseTtl(),
            this::lost))
        .compose(l -> {
          lease = l;
          return CountersTable.read(store, runId, component.name(), names)
              .compose(c -> {
                counters = c;
                return store.checkpoints(options.groupId());
              })
              .compose(cps -> ResumePositions.plan(log, options, cps).<Void>map(positions -> {
                positions.forEach((tp, at) -> cursors.put(tp,
                    new Cursor(at, at.kind() == Position.Kind.AFTER ? at.offset() : null)));
                return null;
              }))
              .onFailure(err -> l.release())
              .onSuccess(v -> run());
        });
  }

  private void run() {
    running = true;
    for (String topic : component.topics()) {
      subscriptions.add(log.onPublished(topic, this::onPublished));
    }
    artifactTimer = vertx.setPeriodic(settings.artifactInterval().toMillis(), t -> writeArtifacts());
    logger.info("{} consumer group {} started as {} (fencing token {}) on {} partition(s) of {}; restored {} "
            + "committed record(s), resuming at {}", component.name(), options.groupId(), options.holder(),
        lease.current().fencingToken(), cursors.size(), component.topics(), counters.get(ShellCounters.RECORDS),
        describeCursors());
    loop();
  }

  private String describeCursors() {
    List<String> out = new ArrayList<>();
    cursors.forEach((tp, c) -> out.add(tp + " " + c.position.describe()));
    return String.join(", ", out);
  }

  // ---- the consume loop: one round in flight at a time ------------------------------------------------------------

  private void loop() {
    if (stopping) {
      idle.tryComplete();
      return;
    }
    long seen = signals;
    readRound().compose(reads -> reads.isEmpty() ? Future.succeededFuture(Round.IDLE) : process(reads))
        .onComplete(ar -> {
          if (ar.failed()) {
            onFailure(ar.cause());
            return;
          }
          failures = 0;
          lastError = null;
          Round round = ar.result();
          if (round.progressed()) {
            loop();
          } else if (round.holdMs() > 0) {
            sleep(Math.min(round.holdMs(), MAX_BACKOFF_MS), false);
          } else if (signals != seen) {
            loop();
          } else {
            sleep(settings.pollInterval().toMillis(), true);
          }
        });
  }

  /** Reads every partition at once; returns the non-empty reads, in partition order. */
  private Future<List<Read>> readRound() {
    List<Future<Read>> reads = new ArrayList<>();
    cursors.forEach((tp, c) -> reads.add(log.read(tp.topic(), tp.partition(), c.position, settings.readBatchMax())
        .map(b -> new Read(tp, b))
        .recover(err -> err instanceof StalePositionException ? restart(tp, c, err) : Future.failedFuture(err))));
    return Future.all(reads).map(all -> {
      List<Read> out = new ArrayList<>();
      for (Future<Read> f : reads) {
        Read r = f.result();
        if (r.batch().records().isEmpty()) {
          cursors.get(r.partition()).position = r.batch().next();
        } else {
          out.add(r);
        }
      }
      return out;
    });
  }

  private Future<Read> restart(TopicPartition tp, Cursor c, Throwable stale) {
    logger.warn("{} {}: {}; restarting the partition from {}", options.groupId(), tp, stale.getMessage(),
        options.start());
    c.position = options.startPosition();
    return Future.succeededFuture(new Read(tp, new ReadBatch(List.of(), c.position)));
  }

  /** Gate, prefetch, enrich, apply, effects, commit: the records of {@code reads} as one batch. */
  private Future<Round> process(List<Read> reads) {
    List<LogRecord> records = new ArrayList<>();
    reads.forEach(r -> records.addAll(r.batch().records()));
    BatchPlan plan;
    try {
      plan = BatchPlan.of(component.processor(), scope, log.offsetKind(), records);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    plan.undecodable().forEach(u -> logger.warn("{}: undecodable record skipped, topic {} partition {} offset {}: {}",
        options.groupId(), u.record().topic(), u.record().partition(), u.record().offset(), u.error()));
    BatchState<E> state = new BatchState<>(runId);
    return load(plan.keys(), state)
        .compose(v -> load(plan.dependentKeys(component.processor(), state), state))
        .compose(v -> enrich(plan, state))
        .compose(v -> {
          plan.apply(component.processor(), state);
          return component.storeBeforeEffects() ? storeMutations(state) : Future.succeededFuture();
        })
        .compose(v -> runEffects(state))
        .compose(v -> commit(state, plan, reads));
  }

  private Future<Void> enrich(BatchPlan plan, BatchState<E> state) {
    if (plan.accepted().isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Map<StreamRecord, Object>> attached;
    try {
      attached = component.enricher().enrich(plan.accepted(), state);
    } catch (RuntimeException e) {
      attached = Future.failedFuture(e);
    }
    return attached.map(found -> {
      state.enrich(found);
      return null;
    });
  }

  private Future<Void> load(KeyRequests keys, BatchState<E> state) {
    List<Future<Void>> loads = new ArrayList<>();
    for (KeyRequests.TableKeys<?, ?> t : keys.tables()) {
      loads.add(load(t, state));
    }
    return Future.all(loads).mapEmpty();
  }

  private <K, V> Future<Void> load(KeyRequests.TableKeys<K, V> t, BatchState<E> state) {
    return store.multiGet(t.table(), t.keys()).map(found -> {
      state.load(t.table(), t.keys(), found);
      return null;
    });
  }

  /**
   * Store-before-effects: commits the batch's mutations alone (fenced, no checkpoint, no counters) so the effects act
   * on what is stored; a crash after this re-delivers the batch, whose core then finds its own stored rows.
   */
  private Future<Void> storeMutations(BatchState<E> state) {
    if (state.writes().isEmpty()) {
      return Future.succeededFuture();
    }
    WriteBatch wb = new WriteBatch();
    state.writeTo(wb);
    wb.fence(lease.current());
    return store.commit(wb).onSuccess(v -> state.clearWrites());
  }

  /** Runs the effects; a failure is counted durably (its own small commit) before the batch is re-delivered. */
  private Future<Void> runEffects(BatchState<E> state) {
    Future<Void> ran;
    try {
      ran = component.effects().run(state.effects(), state);
    } catch (RuntimeException e) {
      ran = Future.failedFuture(e);
    }
    return ran.recover(err -> {
      Counters next = counters.plus(Map.of(component.effectFailures(), 1L));
      WriteBatch wb = new WriteBatch().put(CountersTable.TABLE, counterKey(), CountersTable.row(next))
          .fence(lease.current());
      return store.commit(wb).onSuccess(v -> counters = next)
          .transform(x -> Future.failedFuture(new IllegalStateException("effects failed: " + err.getMessage(), err)));
    });
  }

  /**
   * Commits the batch: every staged write, the counters row, and each partition's checkpoint up to its last record
   * done — the whole read unless a hold cut it. A cut partition resumes right after its last record done (or where
   * it was), so the held record is read again.
   */
  private Future<Round> commit(BatchState<E> state, BatchPlan plan, List<Read> reads) {
    WriteBatch wb = new WriteBatch();
    state.writeTo(wb);
    Counters next = counters.plus(state.counterDeltas());
    wb.put(CountersTable.TABLE, counterKey(), CountersTable.row(next));
    plan.done().forEach((tp, offset) -> wb.checkpoint(options.groupId(), tp, offset, log.offsetKind()));
    wb.fence(lease.current());
    return store.commit(wb).map(v -> {
      counters = next;
      for (Read r : reads) {
        Cursor c = cursors.get(r.partition());
        String done = plan.done().get(r.partition());
        boolean cut = plan.held().containsKey(r.partition());
        if (!cut) {
          c.position = r.batch().next();
        } else if (done != null) {
          c.position = Position.after(done);
        }
        if (done != null) {
          c.checkpoint = done;
        }
      }
      long holdMs = plan.held().values().stream().mapToLong(BatchState.Hold::retryAfterMs).min().orElse(0);
      return new Round(!plan.done().isEmpty(), holdMs);
    });
  }

  private CountersTable.Key counterKey() {
    return new CountersTable.Key(runId, component.name());
  }

  private void onFailure(Throwable err) {
    LeaseLostException lostLease = causeOf(err, LeaseLostException.class);
    if (lostLease != null) {
      lost(lostLease);
      idle.tryComplete();
      return;
    }
    failures++;
    lastError = err.toString();
    long backoff = Math.min(MAX_BACKOFF_MS, settings.pollInterval().toMillis() << Math.min(failures, 10));
    logger.warn("{}: batch failed (attempt {}), re-delivering in {} ms: {}", options.groupId(), failures, backoff,
        err.toString());
    sleep(backoff, false);
  }

  private void sleep(long ms, boolean wakeOnPublish) {
    if (stopping) {
      idle.tryComplete();
      return;
    }
    this.wakeOnPublish = wakeOnPublish;
    sleepTimer = vertx.setTimer(Math.max(1, ms), t -> {
      sleepTimer = -1;
      loop();
    });
  }

  private void onPublished() {
    signals++;
    if (sleepTimer >= 0 && wakeOnPublish) {
      wake();
    }
  }

  private void wake() {
    vertx.cancelTimer(sleepTimer);
    sleepTimer = -1;
    loop();
  }

  private void lost(LeaseLostException err) {
    if (leaseLost) {
      return;
    }
    leaseLost = true;
    stopping = true;
    logger.error("{} stops consuming: {}", options.groupId(), err.getMessage());
    if (sleepTimer >= 0) {
      wake();
    }
    done.tryFail(err);
  }

  // ---- artifacts, status, stop ------------------------------------------------------------------------------------

  private void writeArtifacts() {
    if (!lastArtifacts.isComplete()) {
      return;
    }
    lastArtifacts = artifactsNow();
  }

  private Future<Void> artifactsNow() {
    return lagProbe.measure(checkpoints())
        .onSuccess(l -> lag = l)
        .otherwise(err -> {
          logger.debug("{}: lag not measured: {}", options.groupId(), err.toString());
          return lag;
        })
        .compose(l -> {
          StreamStatus s = status();
          gauges.update(s.lag());
          return artifacts.write(s, component.artifacts().apply(s));
        })
        .recover(err -> {
          logger.warn("{}: artifacts not written: {}", options.groupId(), err.toString());
          return Future.succeededFuture();
        });
  }

  /** What the shell knows now (counters as committed, lag as last measured). */
  public StreamStatus status() {
    return new StreamStatus(runId, options.groupId(), counters, lag, lastError, checkpoints());
  }

  /** The last committed offset of every partition (null before the first commit), for tests and lag. */
  public Map<TopicPartition, String> checkpoints() {
    Map<TopicPartition, String> out = new LinkedHashMap<>();
    cursors.forEach((tp, c) -> out.put(tp, c.checkpoint));
    return out;
  }

  /** The counters as last committed. */
  public Counters counters() {
    return counters;
  }

  public String holder() {
    return options.holder();
  }

  @Override
  public Future<Result> readiness() {
    return Future.succeededFuture(running && !stopping ? new Result(true, "lease_held_by:" + options.holder())
        : new Result(false, leaseLost ? "lease_lost" : "stopped"));
  }

  /** Completes when the shell has stopped: successfully after {@link #stop()}, failed when its lease was lost. */
  public Future<Void> done() {
    return done.future();
  }

  /** Finishes the round in flight, writes the artifacts, releases the lease; idempotent. */
  public Future<Void> stop() {
    Promise<Void> result = Promise.promise();
    context.runOnContext(v -> {
      if (stopped == null) {
        stopped = halt();
      }
      stopped.onComplete(result);
    });
    return result.future();
  }

  private Future<Void> halt() {
    stopping = true;
    if (sleepTimer >= 0) {
      wake();
    }
    Future<Void> drained = running ? idle.future() : Future.succeededFuture();
    return drained.compose(v -> {
      running = false;
      vertx.cancelTimer(artifactTimer);
      subscriptions.forEach(StreamShell::closeQuietly);
      return lastArtifacts.eventually(this::artifactsNow);
    }).compose(v -> {
      gauges.remove();
      return leaseLost || lease == null ? Future.<Void>succeededFuture() : lease.release();
    }).onComplete(ar -> {
      logger.info("{} stopped: {} committed record(s)", options.groupId(), counters.get(ShellCounters.RECORDS));
      done.tryComplete();
    });
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // unsubscribing an in-process callback: nothing to recover
    }
  }

  private static <T extends Throwable> T causeOf(Throwable err, Class<T> type) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
