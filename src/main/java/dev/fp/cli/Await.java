package dev.fp.cli;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future on the CLI's main thread (never an event loop: commands run on {@code main}),
 * rethrowing its failure unwrapped so the exit-code mapping sees the real cause.
 */
final class Await {
  private Await() {
  }

  static <T> T result(Future<T> future, long timeoutSeconds) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + timeoutSeconds + " s", e);
    }
  }
}
