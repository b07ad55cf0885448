package dev.fp.platform.stream;

import dev.fp.platform.stream.core.ShellCounters;
import dev.fp.substrate.eventlog.LeaseHeldException;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fp.platform.stream.StreamPlatform.await;
import static dev.fp.platform.stream.StreamPlatform.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shell's guarantees (rtdl_design §1) on a real platform; each StateStore adapter's test only says which
 * substrate to start.
 */
abstract class StreamShellContractTest {
  static final String RUN = "platform_20260101T000000Z";
  static final String OTHER_RUN = "platform_20251231T000000Z";
  static final Duration WITHIN = Duration.ofSeconds(30);
  static final StreamSettings FAST = StreamSettings.defaults().withPollInterval(Duration.ofMillis(50))
      .withArtifactInterval(Duration.ofMillis(100));

  @TempDir
  Path dir;
  StreamPlatform platform;
  final List<StreamShell<?>> shells = new ArrayList<>();

  abstract StreamPlatform open(Path dir) throws Exception;

  @BeforeEach
  void start() throws Exception {
    platform = open(dir);
  }

  @AfterEach
  void stop() throws Exception {
    for (StreamShell<?> s : shells) {
      await(s.stop());
    }
    platform.close();
  }

  <E> StreamShell<E> shell(StreamComponent<E> c) throws Exception {
    StreamShell<E> s = platform.startShell(c, RUN, FAST);
    shells.add(s);
    return s;
  }

  static EffectRunner<String> succeeding() {
    return (effects, batch) -> Future.succeededFuture();
  }

  Long tally(String run, String key) throws Exception {
    return await(platform.state().get(Tally.TABLE, Tally.key(run, key)));
  }

  @Test
  void shouldApplyOnlyThisRunsRecordsAndCheckpointPastTheOthers() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "a"), Tally.envelope(OTHER_RUN, "e2", "a"),
        "{not json", "{\"event_id\":\"e3\",\"event_type\":\"t\"}", Tally.envelope(RUN, "e4", "a"));

    StreamShell<String> s = shell(Tally.component(succeeding()));

    eventually(WITHIN, "checkpoint at offset 4", () -> "4".equals(s.checkpoints().get(new TopicPartition(Tally.TOPIC, 0))));
    assertThat(s.counters().get(Tally.APPLIED)).isEqualTo(2);
    assertThat(s.counters().get(ShellCounters.RECORDS)).isEqualTo(5);
    assertThat(s.counters().get(ShellCounters.SKIPPED_OTHER_RUN)).isEqualTo(1);
    assertThat(s.counters().get(ShellCounters.SKIPPED_NO_RUN_ID)).isEqualTo(1);
    assertThat(s.counters().get(ShellCounters.SKIPPED_UNDECODABLE)).isEqualTo(1);
    assertThat(tally(RUN, "a")).isEqualTo(2L);
    assertThat(tally(OTHER_RUN, "a")).isNull();
    assertThat(await(platform.state().checkpoints(Tally.component(succeeding()).groupId(RUN)))
        .get(new TopicPartition(Tally.TOPIC, 0)).offset()).isEqualTo("4");
  }

  @Test
  void shouldHoldTheCheckpointBeforeAWaitingRecordUntilItsContextArrives() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e0", "a"), Tally.envelope(RUN, "e1", "wait"),
        Tally.envelope(RUN, "e2", "a"));

    AtomicInteger waits = new AtomicInteger();
    StreamShell<String> s = shell(Waiting.component(ready::get, waits));

    TopicPartition tp = new TopicPartition(Tally.TOPIC, 0);
    eventually(WITHIN, "checkpoint at offset 0", () -> "0".equals(s.checkpoints().get(tp)));
    eventually(WITHIN, "the waiting record read again", () -> waits.get() >= 3);
    assertThat(s.checkpoints().get(tp)).isEqualTo("0");
    assertThat(tally(RUN, "a")).isEqualTo(1L);
    assertThat(s.counters().get(ShellCounters.RECORDS)).isEqualTo(1);

    ready.set(true);

    eventually(WITHIN, "checkpoint at offset 2", () -> "2".equals(s.checkpoints().get(tp)));
    assertThat(tally(RUN, "a")).isEqualTo(2L);
    assertThat(tally(RUN, "wait")).isEqualTo(1L);
    assertThat(s.counters().get(ShellCounters.RECORDS)).isEqualTo(3);
    assertThat(s.counters().get(Tally.APPLIED)).isEqualTo(3);
  }

  @Test
  void shouldLetReadsInsideABatchSeeTheBatchsOwnWrites() throws Exception {
    String[] five = new String[5];
    for (int i = 0; i < 5; i++) {
      five[i] = Tally.envelope(RUN, "e" + i, "b");
    }
    platform.publish(Tally.TOPIC, five);
    AtomicInteger batches = new AtomicInteger();

    StreamShell<String> s = shell(Tally.component((effects, batch) -> {
      batches.incrementAndGet();
      return Future.succeededFuture();
    }));

    eventually(WITHIN, "5 applied", () -> s.counters().get(Tally.APPLIED) == 5);
    assertThat(batches).as("the five records were one batch").hasValue(1);
    assertThat(tally(RUN, "b")).isEqualTo(5L);
  }

  @Test
  void shouldRestoreCountersAndResumeAfterItsCheckpointWhenRestarted() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "c"), Tally.envelope(RUN, "e2", "c"),
        Tally.envelope(RUN, "e3", "c"));
    StreamShell<String> first = shell(Tally.component(succeeding()));
    eventually(WITHIN, "3 applied", () -> first.counters().get(Tally.APPLIED) == 3);
    await(first.stop());
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e4", "c"), Tally.envelope(RUN, "e5", "c"));

    StreamShell<String> second = shell(Tally.component(succeeding()));

    eventually(WITHIN, "5 applied", () -> second.counters().get(Tally.APPLIED) == 5);
    assertThat(second.counters().get(ShellCounters.RECORDS)).as("nothing applied twice").isEqualTo(5);
    assertThat(tally(RUN, "c")).isEqualTo(5L);
  }

  @Test
  void shouldRunTheEffectsBeforeCommittingTheBatch() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "d"));
    List<String> seenDuringEffects = new CopyOnWriteArrayList<>();
    String group = Tally.component(succeeding()).groupId(RUN);

    StreamShell<String> s = shell(Tally.component((effects, batch) -> platform.runtime.substrate().stateStore()
        .compose(store -> store.get(Tally.TABLE, Tally.key(RUN, "d"))
            .compose(row -> store.checkpoints(group).map(cps -> {
              seenDuringEffects.add(effects + " row=" + row + " checkpoints=" + cps.size());
              return null;
            })))));

    eventually(WITHIN, "1 applied", () -> s.counters().get(Tally.APPLIED) == 1);
    assertThat(seenDuringEffects).containsExactly("[e1] row=null checkpoints=0");
    assertThat(tally(RUN, "d")).isEqualTo(1L);
  }

  @Test
  void shouldStoreTheMutationsBeforeTheEffectsWhenAskedAndCheckpointOnlyAfterThem() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "s"));
    List<String> seenDuringEffects = new CopyOnWriteArrayList<>();
    String group = Tally.component(succeeding()).groupId(RUN);

    // the first effects run "crashes" after the mutations were stored: the re-delivered batch reads them back
    StreamShell<String> s = shell(Tally.component((effects, batch) -> platform.runtime.substrate().stateStore()
        .compose(store -> store.get(Tally.TABLE, Tally.key(RUN, "s"))
            .compose(row -> store.checkpoints(group).compose(cps -> {
              seenDuringEffects.add(effects + " row=" + row + " checkpoints=" + cps.size());
              return seenDuringEffects.size() == 1 ? Future.failedFuture(new IllegalStateException("crash"))
                  : Future.<Void>succeededFuture();
            })))).withStoreBeforeEffects());

    eventually(WITHIN, "1 applied", () -> s.counters().get(Tally.APPLIED) == 1);
    assertThat(seenDuringEffects).containsExactly("[e1] row=1 checkpoints=0", "[e1] row=2 checkpoints=0");
    assertThat(tally(RUN, "s")).isEqualTo(2L);
    assertThat(s.counters().get("tally_effect_failures_total")).isEqualTo(1);
    assertThat(s.checkpoints().get(new TopicPartition(Tally.TOPIC, 0))).isEqualTo("0");
  }

  @Test
  void shouldRedeliverTheWholeBatchWhenItsEffectsFail() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "f"), Tally.envelope(RUN, "e2", "f"));
    List<List<String>> attempts = new CopyOnWriteArrayList<>();

    StreamShell<String> s = shell(Tally.component((effects, batch) -> {
      attempts.add(List.copyOf(effects));
      return attempts.size() <= 2 ? Future.failedFuture(new IllegalStateException("object store down"))
          : Future.succeededFuture();
    }));

    eventually(WITHIN, "2 applied", () -> s.counters().get(Tally.APPLIED) == 2);
    assertThat(attempts).containsExactly(List.of("e1", "e2"), List.of("e1", "e2"), List.of("e1", "e2"));
    assertThat(tally(RUN, "f")).as("applied once").isEqualTo(2L);
    assertThat(s.counters().get("tally_effect_failures_total")).isEqualTo(2);
  }

  @Test
  void shouldRefuseASecondInstanceOfTheGroupNamingTheHolder() throws Exception {
    StreamShell<String> first = shell(Tally.component(succeeding()));

    assertThatThrownBy(() -> shell(Tally.component(succeeding())))
        .hasRootCauseInstanceOf(LeaseHeldException.class)
        .rootCause().hasMessageContaining(first.holder());
  }

  @Test
  void shouldWriteHealthMetricsAndLagAndReportCaughtUp() throws Exception {
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "g"), Tally.envelope(RUN, "e2", "g"));
    StreamShell<String> s = shell(Tally.component(succeeding()));
    Path metrics = platform.services.config().platformRoot().resolve(RUN).resolve("tally/metrics/last_metrics.json");

    eventually(WITHIN, "metrics with a caught-up consumer", () -> caughtUp(metrics));
    Map<String, Object> lag = StreamArtifacts.readLag(platform.services.config().platformRoot(), RUN);
    assertThat(lag).containsKey("tally");
    @SuppressWarnings("unchecked")
    Map<String, Object> tally = (Map<String, Object>) lag.get("tally");
    assertThat(tally.get("group_id")).isEqualTo("tally.v0::" + RUN);
    assertThat(((Number) tally.get("records_behind")).longValue()).isZero();
    assertThat(Files.readString(platform.services.config().platformRoot().resolve(RUN)
        .resolve("tally/health/last_health.json"))).contains("\"health_state\" : \"GREEN\"");
    assertThat(s.status().lag()).singleElement().satisfies(l -> {
      assertThat(l.checkpoint()).isEqualTo("1");
      assertThat(l.endOffset()).isEqualTo("1");
      assertThat(l.secondsBehind()).isZero();
    });
  }

  @SuppressWarnings("unchecked")
  private static boolean caughtUp(Path metrics) {
    if (!Files.isRegularFile(metrics)) {
      return false;
    }
    Map<String, Object> m = dev.fp.platform.JsonFiles.read(metrics);
    Map<String, Object> consumer = (Map<String, Object>) m.get(StreamArtifacts.CONSUMER);
    List<Map<String, Object>> parts = (List<Map<String, Object>>) consumer.get("partitions");
    return !parts.isEmpty() && "1".equals(parts.get(0).get("checkpoint"))
        && ((Number) consumer.get("records_behind")).longValue() == 0;
  }
}
