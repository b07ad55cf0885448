package dev.fp.ingress.ig;

import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault-injecting {@link EventLog} decorator for IG tests: the next publishes can fail before anything is appended,
 * be appended and then fail ("applied then failed", the ambiguous case), throw instead of returning a future, or be
 * held until the test releases them (a publish that never completes, if it never does), or end the process the way
 * {@code kill -9} does ({@link Runtime#halt}: no shutdown hook, no flush) right before or right after the append.
 */
final class FaultyEventLog implements EventLog {
  enum Fault { FAIL_BEFORE_APPLY, APPLY_THEN_FAIL, THROW, HOLD, HALT_BEFORE_APPLY, APPLY_THEN_HALT }

  private final EventLog delegate;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger publishes = new AtomicInteger();
  private volatile Promise<Void> hold;

  FaultyEventLog(EventLog delegate) {
    this.delegate = delegate;
  }

  /** The next {@code count} publish calls get {@code fault}. */
  synchronized void next(Fault fault, int count) {
    for (int i = 0; i < count; i++) {
      faults.add(fault);
    }
  }

  /** Lets a held publish proceed. */
  void release() {
    Promise<Void> h = hold;
    if (h != null) {
      h.tryComplete();
    }
  }

  boolean holding() {
    return hold != null && !hold.future().isComplete();
  }

  int publishCalls() {
    return publishes.get();
  }

  private synchronized Fault take() {
    return faults.poll();
  }

  private static <T> Future<T> halt() {
    Runtime.getRuntime().halt(137);
    throw new IllegalStateException("unreachable: the process halted");
  }

  @Override
  public Future<List<EbRef>> publish(String topic, List<OutRecord> records) {
    publishes.incrementAndGet();
    Fault fault = take();
    if (fault == null) {
      return delegate.publish(topic, records);
    }
    return switch (fault) {
      case FAIL_BEFORE_APPLY -> Future.failedFuture(new IllegalStateException("injected: publish refused"));
      case THROW -> throw new IllegalStateException("injected: publish threw");
      case APPLY_THEN_FAIL -> delegate.publish(topic, records)
          .compose(refs -> Future.failedFuture(new IllegalStateException("injected: timeout after apply")));
      case HOLD -> {
        hold = Promise.promise();
        yield hold.future().compose(v -> delegate.publish(topic, records));
      }
      case HALT_BEFORE_APPLY -> halt();
      case APPLY_THEN_HALT -> delegate.publish(topic, records).compose(refs -> halt());
    };
  }

  @Override
  public Future<Void> createTopic(String topic, int partitions) {
    return delegate.createTopic(topic, partitions);
  }

  @Override
  public Future<Set<String>> topics() {
    return delegate.topics();
  }

  @Override
  public Future<Integer> partitions(String topic) {
    return delegate.partitions(topic);
  }

  @Override
  public Future<ReadBatch> read(String topic, int partition, Position from, int max) {
    return delegate.read(topic, partition, from, max);
  }

  @Override
  public Future<dev.fp.substrate.eventlog.Backlog> backlog(String topic, int partition, Position from, long limit) {
    return delegate.backlog(topic, partition, from, limit);
  }

  @Override
  public AutoCloseable onPublished(String topic, Runnable callback) {
    return delegate.onPublished(topic, callback);
  }

  @Override
  public String offsetKind() {
    return delegate.offsetKind();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
