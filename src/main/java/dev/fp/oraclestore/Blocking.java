package dev.fp.oraclestore;

import io.vertx.core.Future;

import java.util.concurrent.CompletionException;

/** Waits for a port future from a worker thread (never call it on an event loop: it blocks the thread). */
final class Blocking {
  private Blocking() {
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
