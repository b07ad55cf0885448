package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The read–process–checkpoint loop of one partition inside a {@link LogConsumer}; every method runs on the
 * consumer's context. One batch in flight at a time. At the end of the partition it waits for an in-process publish
 * signal or the poll timer, whichever comes first; after a failure it backs off exponentially (signals ignored).
 */
final class PartitionConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionConsumer.class);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final LogConsumer owner;
  private final TopicPartition tp;
  private final Promise<Void> stopped = Promise.promise();
  private Position position;
  private volatile String checkpoint;
  private volatile long processed;
  private volatile long skipped;
  private volatile long emptyReads;
  private long signals;
  private long timer = -1;
  private boolean wakeOnPublish;
  private boolean stopping;
  private int failures;

  PartitionConsumer(LogConsumer owner, TopicPartition tp, Position from, String checkpoint) {
    this.owner = owner;
    this.tp = tp;
    this.position = from;
    this.checkpoint = checkpoint;
  }

  TopicPartition partition() { return tp; }

  /** Offset of the last committed record, or null before the first checkpoint. */
  String checkpoint() { return checkpoint; }

  long processed() { return processed; }

  long skipped() { return skipped; }

  long emptyReads() { return emptyReads; }

  void start() {
    next();
  }

  void onPublished() {
    signals++;
    if (timer >= 0 && wakeOnPublish) {
      wake();
    }
  }

  /** Stops after the in-flight batch (committed or rolled back); completes when the loop is idle. */
  Future<Void> stop() {
    stopping = true;
    if (timer >= 0) {
      wake();
    }
    return stopped.future();
  }

  private void next() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    long seen = signals;
    owner.log().read(tp.topic(), tp.partition(), position, owner.options().readBatchMax())
        .compose(this::process)
        .onComplete(ar -> {
          if (ar.failed()) {
            onFailure(ar.cause());
          } else {
            failures = 0;
            if (ar.result()) {
              next();
            } else {
              waitFor(seen);
            }
          }
        });
  }

  /** Commits a non-empty batch; true when records were consumed. */
  private Future<Boolean> process(ReadBatch batch) {
    if (batch.records().isEmpty()) {
      position = batch.next();
      emptyReads++;
      return Future.succeededFuture(false);
    }
    List<LogRecord> records = batch.records();
    RunScopeGate gate = owner.options().gate();
    List<LogRecord> accepted = gate == null ? records : records.stream().filter(gate::accepts).toList();
    LogRecord last = records.get(records.size() - 1);
    return owner.commit(tp, accepted, last.offset()).map(v -> {
      position = batch.next();
      checkpoint = last.offset();
      processed += accepted.size();
      skipped += records.size() - accepted.size();
      return true;
    });
  }

  private void waitFor(long seen) {
    if (signals != seen) {
      next();
    } else {
      sleep(owner.options().pollInterval().toMillis(), true);
    }
  }

  private void sleep(long ms, boolean wakeOnPublish) {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    this.wakeOnPublish = wakeOnPublish;
    timer = owner.vertx().setTimer(Math.max(1, ms), t -> {
      timer = -1;
      next();
    });
  }

  private void wake() {
    owner.vertx().cancelTimer(timer);
    timer = -1;
    next();
  }

  private void onFailure(Throwable err) {
    LeaseLostException lost = LogConsumer.causeOf(err, LeaseLostException.class);
    if (lost != null) {
      owner.lost(lost);
      next();
      return;
    }
    if (err instanceof StalePositionException) {
      Position start = owner.options().startPosition();
      LOG.warn("consumer group {} {}: {}; restarting from {}", owner.options().groupId(), tp, err.getMessage(),
          start.kind());
      position = start;
      next();
      return;
    }
    failures++;
    long backoff = Math.min(MAX_BACKOFF_MS, owner.options().pollInterval().toMillis() << Math.min(failures, 10));
    LOG.warn("consumer group {} {} at {} failed (attempt {}), retrying in {} ms: {}", owner.options().groupId(), tp,
        describe(position), failures, backoff, err.toString());
    sleep(backoff, false);
  }

  private static String describe(Position p) {
    return p.kind() == Position.Kind.AFTER ? "AFTER " + p.offset() : p.kind().toString();
  }
}
