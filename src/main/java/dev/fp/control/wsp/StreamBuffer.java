package dev.fp.control.wsp;

import dev.fp.control.wsp.core.StreamEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Events read ahead from a {@link StreamViewSource} on a worker, so the next batch is being read while the current
 * one is pushed. At most one read is in flight; a failed read (also a read-ahead nobody awaited) fails every later
 * {@link #fill}. Used from the output's context only.
 */
final class StreamBuffer {
  private final StreamViewSource source;
  private final WorkerExecutor readers;
  private final IntSupplier wanted;
  private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
  private Future<Void> reading;
  private Throwable failure;
  private boolean exhausted;

  /** @param wanted how many events are worth holding now (≤ 0: none, e.g. the cap is in sight) */
  StreamBuffer(StreamViewSource source, WorkerExecutor readers, IntSupplier wanted) {
    this.source = source;
    this.readers = readers;
    this.wanted = wanted;
  }

  /** Completes once the buffer holds events, or holds none because the view is exhausted or nothing is wanted. */
  Future<Void> fill() {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (!events.isEmpty()) {
      return Future.succeededFuture();
    }
    return reading != null ? reading : startRead();
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** True once a read found no more rows. */
  boolean exhausted() {
    return exhausted && events.isEmpty();
  }

  StreamEvent peek() {
    return events.peekFirst();
  }

  /** Takes the head of the buffer and starts reading ahead when it runs low. */
  StreamEvent take() {
    StreamEvent e = events.pollFirst();
    if (reading == null && !exhausted && failure == null && events.size() < wanted.getAsInt()) {
      startRead();
    }
    return e;
  }

  /** Closes the source on the worker once no read is in flight. */
  Future<Void> close() {
    Future<Void> pending = reading == null ? Future.succeededFuture() : reading.otherwiseEmpty();
    return pending.compose(v -> readers.executeBlocking(() -> {
      source.close();
      return null;
    }, false)).mapEmpty();
  }

  private Future<Void> startRead() {
    int n = wanted.getAsInt() - events.size();
    if (n <= 0 || exhausted) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    reading = done.future();
    readers.<List<StreamEvent>>executeBlocking(() -> source.read(n), false).onComplete(ar -> {
      reading = null;
      if (ar.succeeded()) {
        events.addAll(ar.result());
        exhausted |= ar.result().isEmpty();
        done.complete();
      } else {
        failure = ar.cause();
        done.fail(ar.cause());
      }
    });
    return done.future();
  }
}
