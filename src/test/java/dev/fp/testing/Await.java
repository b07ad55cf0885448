package dev.fp.testing;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Blocking waits for tests that drive asynchronous code from the JUnit thread (never an event loop): the honest shape
 * for store and conformance suites that run one operation after another and for scenario tests that wait for durable
 * state. Callback-shaped verticle tests use vertx-junit5 ({@code VertxTestContext}, {@code Checkpoint}) instead. Every
 * wait is bounded.
 */
public final class Await {
  /** Long enough for the slowest single operation on a loaded CI machine (a world sync, a kinesis-mock batch). */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final long POLL_MS = 20;

  private Await() {
  }

  /** The result of {@code f}; its failure is rethrown as it was raised (not wrapped in an ExecutionException). */
  public static <T> T await(Future<T> f) throws Exception {
    return await(f, TIMEOUT);
  }

  public static <T> T await(Future<T> f, Duration timeout) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected the operation to fail, but it succeeded");
  }

  /** A condition that may throw while it is checked (a read of a file or a store). */
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Checks {@code condition} every 20 ms until it holds; fails naming {@code what} after {@code timeout}. */
  public static void until(Duration timeout, String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(POLL_MS);
    }
  }
}
