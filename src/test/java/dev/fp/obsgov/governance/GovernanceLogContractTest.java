package dev.fp.obsgov.governance;

import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.obsgov.governance.core.Projection;
import dev.fp.platform.governance.EmitResult;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.substrate.objectstore.AppendConflictException;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.testing.TestClock;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fp.testing.Await.await;
import static dev.fp.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance log against each object-store adapter (reference §5.2 with defect §8.8 fixed): the event object is
 * the idempotency authority, every recorded event has exactly one {@code events.jsonl} line, a line that could not be
 * appended fails the emit and is completed by {@link GovernanceLog#project}. A subclass supplies the store.
 */
abstract class GovernanceLogContractTest extends GovernanceStoreTest {
  private final TestClock clock = new TestClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

  /** Whether two processes' conditional appends race atomically on this backend (S3Mock does not). */
  protected boolean atomicConditionalWrites() {
    return true;
  }

  private GovernanceLog log(ObjectStore s) {
    return new GovernanceLog(vertx, s, clock, "test", "dev-local");
  }

  private GovernanceEmit event(GovernanceFamily family, String key) {
    return GovernanceEmit.system(family, run, "tester", key, Map.of("key", key));
  }

  private Future<EmitResult> onContext(GovernanceLog log, GovernanceEmit e) {
    // the writer is used from one Vert.x context, as its verticle does
    io.vertx.core.Promise<EmitResult> p = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> log.emit(e).onComplete(p));
    return p.future();
  }

  @Test
  void shouldAppendOneLinePerEventForManyConcurrentEmittersWithNoneLostOrDoubled() throws Exception {
    GovernanceLog log = log(store);
    List<Future<EmitResult>> emits = new ArrayList<>();
    io.vertx.core.Promise<Void> fired = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < 40; i++) {
        emits.add(log.emit(event(GovernanceFamily.CORRIDOR_ANOMALY, "k" + i)));
        emits.add(log.emit(event(GovernanceFamily.CORRIDOR_ANOMALY, "k" + (i % 10)))); // repeats of the first ten
      }
      fired.complete();
    });
    await(fired.future());
    await(Future.all(emits));

    long created = emits.stream().filter(f -> f.result().created()).count();
    Projection p = await(GovernanceReader.projection(store, run));
    assertThat(created).isEqualTo(40);
    assertThat(p.complete()).as(p.summary()).isTrue();
    assertThat(p.lines()).isEqualTo(40);
    assertThat(p.events()).isEqualTo(40);
  }

  @Test
  void shouldRecordAnEventOnceWhenItIsEmittedAgain() throws Exception {
    GovernanceLog log = log(store);
    EmitResult first = await(onContext(log, event(GovernanceFamily.RUN_REPORT_GENERATED, "run_report_generated:x")));
    EmitResult again = await(onContext(log, event(GovernanceFamily.RUN_REPORT_GENERATED, "run_report_generated:x")));

    assertThat(first.created()).isTrue();
    assertThat(again).isEqualTo(new EmitResult(first.eventId(), false));
    assertThat(await(GovernanceReader.projection(store, run)).lines()).isEqualTo(1);
  }

  @Test
  void shouldFailAnEmitWhoseLineCannotLandAndCompleteItsProjectionLater() throws Exception {
    AtomicInteger conflicts = new AtomicInteger(3);
    GovernanceLog flaky = new GovernanceLog(vertx, conflictingAppends(store, conflicts), clock, "test", "dev-local", 2);

    Throwable err = failure(onContext(flaky, event(GovernanceFamily.RUN_STARTED, "run_started:x")));

    assertThat(err).isInstanceOf(AppendConflictException.class).hasMessageContaining("S3_APPEND_CONFLICT");
    Projection before = await(GovernanceReader.projection(store, run));
    assertThat(before.events()).as("the event object, the authority, exists").isEqualTo(1);
    assertThat(before.missing()).hasSize(1);

    Projection after = await(projectOnContext(flaky));
    assertThat(after.complete()).as(after.summary()).isTrue();
    assertThat(after.lines()).isEqualTo(1);
    assertThat(await(projectOnContext(flaky)).lines()).as("a second repair appends nothing").isEqualTo(1);
  }

  @Test
  void shouldCompleteALineOnTheNextEmitOfTheSameEventAfterAFailedAppend() throws Exception {
    AtomicInteger conflicts = new AtomicInteger(2);
    GovernanceLog flaky = new GovernanceLog(vertx, conflictingAppends(store, conflicts), clock, "test", "dev-local", 1);
    failure(onContext(flaky, event(GovernanceFamily.RUN_ENDED, "run_ended:x")));
    failure(onContext(flaky, event(GovernanceFamily.RUN_ENDED, "run_ended:x")));

    EmitResult third = await(onContext(flaky, event(GovernanceFamily.RUN_ENDED, "run_ended:x")));

    assertThat(third.created()).isFalse();
    Projection p = await(GovernanceReader.projection(store, run));
    assertThat(p.complete()).as(p.summary()).isTrue();
    assertThat(p.lines()).isEqualTo(1);
  }

  @Test
  void shouldLoseNoLineWhenTwoWritersAppendAtOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(atomicConditionalWrites(),
        "the backend does not keep racing conditional writes atomic");
    GovernanceLog a = log(store);
    GovernanceLog b = log(store);
    List<Future<EmitResult>> emits = new ArrayList<>();
    io.vertx.core.Promise<Void> fired = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < 15; i++) {
        emits.add(a.emit(event(GovernanceFamily.CORRIDOR_ANOMALY, "a" + i)));
        emits.add(b.emit(event(GovernanceFamily.CORRIDOR_ANOMALY, "b" + i)));
      }
      fired.complete();
    });
    await(fired.future());
    await(Future.all(emits));

    Projection p = await(GovernanceReader.projection(store, run));
    assertThat(p.complete()).as(p.summary()).isTrue();
    assertThat(p.lines()).isEqualTo(30);
  }

  @Test
  void shouldQueryByFamilyKeepingTheLastLimitInTimeOrder() throws Exception {
    GovernanceLog log = log(store);
    await(onContext(log, event(GovernanceFamily.RUN_STARTED, "s")));
    for (int i = 0; i < 3; i++) {
      clock.advance(java.time.Duration.ofSeconds(1));
      await(onContext(log, event(GovernanceFamily.CORRIDOR_ANOMALY, "c" + i)));
    }

    List<Map<String, Object>> last2 = await(GovernanceReader.query(store, run,
        new GovernanceQuery("corridor_anomaly", null, 2)));

    assertThat(last2.stream().map(e -> (Object) ((Map<?, ?>) e.get("details")).get("key")).toList())
        .containsExactly((Object) "c1", "c2");
    assertThat(await(GovernanceReader.query(store, run, new GovernanceQuery(null, null, 0)))).hasSize(4);
  }

  private Future<Projection> projectOnContext(GovernanceLog log) {
    io.vertx.core.Promise<Projection> p = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> log.project(run).onComplete(p));
    return p.future();
  }

  /** The store, except that its first {@code conflicts} appends fail as lost races. */
  private static ObjectStore conflictingAppends(ObjectStore real, AtomicInteger conflicts) {
    return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("append") && conflicts.getAndDecrement() > 0) {
            return Future.failedFuture(new AppendConflictException((String) args[0], (String) args[1], 5));
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
