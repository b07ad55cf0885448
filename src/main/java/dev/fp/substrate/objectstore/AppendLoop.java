package dev.fp.substrate.objectstore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The append protocol both adapters share (reference control_ingress §0): read the object and its ETag, write
 * old + new with {@code putIfMatch} (or {@code putIfAbsent} when there is no object yet), and after a lost race wait
 * {@code backoffMs × attempt} plus up to {@code backoffMs} of jitter (so racing appenders do not retry in lockstep)
 * on a Vert.x timer, never by sleeping. After {@code maxAttempts} lost races it fails with
 * {@link AppendConflictException}; any other failure is returned at once.
 */
final class AppendLoop {
  private final Vertx vertx;
  private final int maxAttempts;
  private final int backoffMs;

  AppendLoop(Vertx vertx, int maxAttempts, int backoffMs) {
    if (maxAttempts < 1 || backoffMs < 0) {
      throw new IllegalArgumentException("append: maxAttempts >= 1 and backoffMs >= 0 required");
    }
    this.vertx = vertx;
    this.maxAttempts = maxAttempts;
    this.backoffMs = backoffMs;
  }

  Future<ObjectMeta> append(ConditionalStore store, String bucket, String key, Buffer data) {
    return attempt(store, bucket, key, data, 1);
  }

  private Future<ObjectMeta> attempt(ConditionalStore store, String bucket, String key, Buffer data, int n) {
    return store.getVersioned(bucket, key)
        .compose(current -> current.isEmpty()
            ? store.putIfAbsent(bucket, key, data)
            : store.putIfMatch(bucket, key, current.get().content().appendBuffer(data), current.get().etag()))
        .recover(err -> {
          if (!(err instanceof ConditionFailedException)) {
            return Future.failedFuture(err);
          }
          if (n >= maxAttempts) {
            return Future.failedFuture(new AppendConflictException(bucket, key, n));
          }
          return vertx.timer(pause(n)).compose(v -> attempt(store, bucket, key, data, n + 1));
        });
  }

  private long pause(int attempt) {
    return Math.max(1, (long) backoffMs * attempt + ThreadLocalRandom.current().nextInt(backoffMs + 1));
  }
}
