package dev.fp.control.wsp;

import dev.fp.control.wsp.store.ReadyRecord;
import dev.fp.control.wsp.store.WspStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works through PENDING READYs one at a time, oldest first: the daemon polls every {@code ready_poll_ms} (and at once
 * after a READY was handled); {@link #drainOnce()} handles every READY due now and stops (the manual
 * {@code fp wsp once}). {@link #stop()} interrupts the READY being streamed and waits for it to checkpoint.
 */
final class ReadyLoop {
  private final Vertx vertx;
  private final WspStore store;
  private final ReadyProcessor processor;
  private final WorldStreamer streamer;
  private final Clock clock;
  private final Logger log;
  private final long pollMs;
  private Future<ReadyProcessor.Handled> current;
  private long timer = -1;
  private boolean stopped;

  ReadyLoop(Vertx vertx, WspStore store, ReadyProcessor processor, WorldStreamer streamer, Clock clock, Logger log,
            long pollMs) {
    this.vertx = vertx;
    this.store = store;
    this.processor = processor;
    this.streamer = streamer;
    this.clock = clock;
    this.log = log;
    this.pollMs = pollMs;
  }

  void start() {
    schedule(0);
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), t -> {
        timer = -1;
        tick();
      });
    }
  }

  private void tick() {
    next().onComplete(ar -> {
      if (ar.failed()) {
        log.warn("WSP READY loop: {} (retrying in {} ms)", ar.cause().toString(), pollMs);
        schedule(pollMs);
      } else {
        boolean worked = ar.result().isPresent() && ar.result().get().result() != ReadyProcessor.Result.DEFERRED;
        schedule(worked ? 1 : pollMs);
      }
    });
  }

  /** Handles the oldest due READY, if any. */
  private Future<Optional<ReadyProcessor.Handled>> next() {
    if (stopped) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.nextDue(clock.millis()).compose(rec -> {
      if (rec.isEmpty() || stopped) {
        return Future.succeededFuture(Optional.empty());
      }
      current = processor.process(rec.get());
      return current.map(Optional::of);
    });
  }

  /** Every READY due now, each handled once (a deferred one stays PENDING); the outcomes in order. */
  Future<List<ReadyProcessor.Handled>> drainOnce() {
    List<ReadyProcessor.Handled> handled = new ArrayList<>();
    Promise<List<ReadyProcessor.Handled>> done = Promise.promise();
    drainStep(handled, new ArrayList<>(), done);
    return done.future();
  }

  private void drainStep(List<ReadyProcessor.Handled> handled, List<String> seen,
                         Promise<List<ReadyProcessor.Handled>> done) {
    store.nextDue(clock.millis()).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      Optional<ReadyRecord> rec = ar.result();
      if (rec.isEmpty() || stopped || seen.contains(rec.get().messageId())) {
        done.complete(handled);
        return;
      }
      seen.add(rec.get().messageId());
      current = processor.process(rec.get());
      current.onSuccess(handled::add).onFailure(done::fail).onSuccess(h -> drainStep(handled, seen, done));
    });
  }

  /** Stops polling, interrupts the READY in progress and waits until it checkpointed. */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    streamer.interrupt();
    return current == null ? Future.succeededFuture() : current.otherwiseEmpty().mapEmpty();
  }
}
