package dev.fp.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PollingTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldAnswerAfterManyPollsWithoutOverflowingTheStack() throws Exception {
    // 50 000 polls: the nested-promise form overflowed the stack after a few thousand
    AtomicInteger looks = new AtomicInteger();
    Future<Integer> done = Polling.until(vertx, 0, () -> {
      int n = looks.incrementAndGet();
      return Future.succeededFuture(n >= 50_000 ? Optional.of(n) : Optional.empty());
    });
    assertThat(done.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS)).isEqualTo(50_000);
  }

  @Test
  void shouldFailWithTheLooksFailure() {
    AtomicInteger looks = new AtomicInteger();
    Future<Object> done = Polling.until(vertx, 1, () -> looks.incrementAndGet() < 3
        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(new IllegalStateException("store gone")));
    assertThat(done.toCompletionStage().toCompletableFuture()).failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class).withMessageContaining("store gone");
  }

  @Test
  void shouldFailWhenTheLookThrows() {
    Future<Object> done = Polling.until(vertx, 1, () -> {
      throw new IllegalArgumentException("bad look");
    });
    assertThat(done.failed()).isTrue();
    assertThat(done.cause()).hasMessage("bad look");
  }
}
