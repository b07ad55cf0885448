package dev.fp.substrate.eventlog;

import dev.fp.substrate.sql.Db;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpointed consumer group over an {@link EventLog} (ARCHITECTURE §6).
 *
 * <p>Start: take the group's lease ({@link GroupLease}; {@link LeaseHeldException} names the live holder), then for
 * every partition of every topic resume {@code AFTER} its checkpoint, or from the configured start when it has none
 * or its checkpoint was written by the other adapter kind ({@link ResumePositions}). Each batch goes to the
 * {@link BatchHandler} inside one transaction that first fences the lease and last writes the checkpoint, so the
 * state change and the checkpoint commit together and a failed handler re-delivers the batch. Records the
 * {@link RunScopeGate} rejects are not handed over, but the checkpoint moves past them. A stale checkpoint
 * ({@link StalePositionException}) is logged once and the partition restarts from the configured start. The lease is
 * renewed every third of its TTL; when it is lost the consumer stops and {@link #done()} fails with
 * {@link LeaseLostException}. {@link #stop()} lets in-flight batches finish, then releases the lease.
 */
public final class LogConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(LogConsumer.class);

  private final Vertx vertx;
  private final Context context;
  private final EventLog log;
  private final Db db;
  private final CheckpointStore store;
  private final ConsumerOptions options;
  private final BatchHandler handler;
  private volatile List<PartitionConsumer> partitions = List.of();
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private final Promise<Void> done = Promise.promise();
  private GroupLease lease;
  private boolean stopping;

  private LogConsumer(Vertx vertx, EventLog log, Db db, Clock clock, ConsumerOptions options, BatchHandler handler) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.log = log;
    this.db = db;
    this.store = new CheckpointStore(db, clock);
    this.options = options;
    this.handler = handler;
  }

  /**
   * Takes the lease and starts consuming; fails with {@link LeaseHeldException} when another instance holds it.
   * {@code clock} is the wall clock of lease times (expiry, renewal, acquisition timestamps).
   */
  public static Future<LogConsumer> start(Vertx vertx, EventLog log, Db db, Clock clock, ConsumerOptions options,
                                          BatchHandler handler) {
    LogConsumer c = new LogConsumer(vertx, log, db, clock, options, handler);
    Promise<LogConsumer> started = Promise.promise();
    c.context.runOnContext(v -> c.begin().map(c).onComplete(started));
    return started.future();
  }

  private Future<Void> begin() {
    return GroupLease.acquire(vertx, store, options.groupId(), options.holder(), options.leaseTtl(), this::lost)
        .compose(l -> {
          lease = l;
          return store.load(options.groupId()).compose(this::plan)
              .onFailure(err -> l.release())
              .onSuccess(v -> run());
        });
  }

  private Future<Void> plan(Map<TopicPartition, CheckpointStore.Checkpoint> checkpoints) {
    return ResumePositions.plan(log, options, checkpoints).map(positions -> {
      List<PartitionConsumer> planned = new ArrayList<>();
      positions.forEach((tp, at) -> {
        CheckpointStore.Checkpoint cp = checkpoints.get(tp);
        planned.add(new PartitionConsumer(this, tp, at, cp == null ? null : cp.offset()));
      });
      partitions = List.copyOf(planned);
      return null;
    });
  }

  private void run() {
    for (String topic : options.topics()) {
      List<PartitionConsumer> ofTopic = partitions.stream().filter(p -> p.partition().topic().equals(topic)).toList();
      subscriptions.add(log.onPublished(topic, () -> ofTopic.forEach(PartitionConsumer::onPublished)));
    }
    partitions.forEach(PartitionConsumer::start);
    LOG.info("consumer group {} started as {} (fencing token {}) on {} partition(s) of {}", options.groupId(),
        options.holder(), lease.current().fencingToken(), partitions.size(), options.topics());
  }

  /** One transaction: fence the lease, apply the handler (when records passed the gate), write the checkpoint. */
  Future<Void> commit(TopicPartition tp, List<LogRecord> accepted, String lastOffset) {
    String op = "consume " + options.groupId() + " " + tp + " up to " + lastOffset;
    Lease held = lease.current();
    return db.withTransaction(op, tx -> store.fence(tx, held, op)
        .compose(v -> accepted.isEmpty() ? Future.<Void>succeededFuture() : handler.handle(tx, accepted))
        .compose(v -> store.save(tx, held, tp, lastOffset, log.offsetKind())));
  }

  /** Drains in-flight batches, then releases the lease; idempotent. */
  public Future<Void> stop() {
    Promise<Void> stoppedNow = Promise.promise();
    context.runOnContext(v -> {
      if (stopping) {
        done.future().otherwiseEmpty().onComplete(stoppedNow);
        return;
      }
      halt().compose(x -> lease.release()).onComplete(ar -> {
        done.tryComplete();
        stoppedNow.handle(ar);
      });
    });
    return stoppedNow.future();
  }

  void lost(LeaseLostException err) {
    if (stopping) {
      return;
    }
    LOG.error("consumer group {} stops: {}", options.groupId(), err.getMessage());
    halt().onComplete(ar -> done.tryFail(err));
  }

  private Future<Void> halt() {
    stopping = true;
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("consumer group {}: unsubscribe failed: {}", options.groupId(), e.toString());
      }
    }
    return Future.all(partitions.stream().map(PartitionConsumer::stop).toList()).mapEmpty();
  }

  /** Completes when the consumer has stopped: successfully after {@link #stop()}, failed when the lease was lost. */
  public Future<Void> done() {
    return done.future();
  }

  /** The last committed offset of every partition (null before the first checkpoint), for lag metrics. */
  public Map<TopicPartition, String> checkpoints() {
    Map<TopicPartition, String> out = new HashMap<>();
    partitions.forEach(p -> out.put(p.partition(), p.checkpoint()));
    return out;
  }

  /** Records handed to the handler, and records the run-scope gate skipped, since start. */
  public long processed() {
    return partitions.stream().mapToLong(PartitionConsumer::processed).sum();
  }

  public long skipped() {
    return partitions.stream().mapToLong(PartitionConsumer::skipped).sum();
  }

  /** Reads that found nothing new, since start: after one, a partition waits for a publish or its poll timer. */
  public long emptyReads() {
    return partitions.stream().mapToLong(PartitionConsumer::emptyReads).sum();
  }

  public Lease lease() {
    return lease.current();
  }

  ConsumerOptions options() { return options; }

  EventLog log() { return log; }

  Vertx vertx() { return vertx; }

  static <E extends Throwable> E causeOf(Throwable err, Class<E> type) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
