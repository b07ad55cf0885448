package dev.fp.platform;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Repeats an asynchronous look on a timer until it yields a value. Every look completes the same promise, so a wait of
 * any length holds no chain of promises: the recursive form ({@code setTimer(… -> poll().onComplete(later))}) nests
 * one promise per poll, and when the last one completes the whole chain completes at once on one stack — a P9 that
 * polled every 250 ms for 19 minutes died of a StackOverflowError that way and never answered.
 */
public final class Polling {
  private Polling() {
  }

  /**
   * Runs {@code look} now and then every {@code intervalMs} (0: as soon as the event loop can) after the previous look
   * ended, until it yields a value
   * (completing the result) or fails (failing it). An empty Optional means "look again".
   */
  public static <T> Future<T> until(Vertx vertx, long intervalMs, Supplier<Future<Optional<T>>> look) {
    Promise<T> result = Promise.promise();
    new Runnable() {
      @Override
      public void run() {
        Future<Optional<T>> seen;
        try {
          seen = look.get();
        } catch (RuntimeException e) {
          result.tryFail(e);
          return;
        }
        seen.onComplete(ar -> {
          if (ar.failed()) {
            result.tryFail(ar.cause());
          } else if (ar.result().isPresent()) {
            result.tryComplete(ar.result().get());
          } else {
            if (intervalMs > 0) {
              vertx.setTimer(intervalMs, t -> run());
            } else {
              vertx.runOnContext(v -> run());
            }
          }
        });
      }
    }.run();
    return result.future();
  }
}
