package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Bridges SDK calls into Vert.x: the SDK's future completes on a Netty thread, the returned {@link Future} on the
 * caller's context; failures lose their {@link CompletionException} wrapper, a missing stream becomes
 * {@link NoSuchTopicException} and anything else an {@link EventLogException} naming the operation and topic.
 */
final class KinesisCalls {
  private final Vertx vertx;

  KinesisCalls(Vertx vertx) {
    this.vertx = vertx;
  }

  <T> Future<T> call(String op, String topic, Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> cf;
    try {
      cf = request.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(classify(op, topic, e));
    }
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(classify(op, topic, unwrap(e))));
  }

  /** The SDK exception inside a failure from {@link #call} when it was not classified, else null. */
  static <E extends Throwable> E sdkCause(Throwable failure, Class<E> type) {
    Throwable t = failure instanceof EventLogException ? failure.getCause() : failure;
    return type.isInstance(t) ? type.cast(t) : null;
  }

  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static RuntimeException classify(String op, String topic, Throwable e) {
    if (e instanceof ResourceNotFoundException) {
      NoSuchTopicException missing = new NoSuchTopicException(topic);
      missing.initCause(e);
      return missing;
    }
    return new EventLogException(op, topic, e.getMessage(), e);
  }
}
