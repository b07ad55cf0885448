package dev.fp.platform.stream;

import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static dev.fp.platform.stream.StreamPlatform.await;
import static org.assertj.core.api.Assertions.assertThat;

/** P8 over a pack of one test projector: it waits for durable checkpoints, then reads health and closeout checks. */
class CaughtUpPhaseTest {
  static final String RUN = StreamShellContractTest.RUN;
  @TempDir
  Path dir;
  StreamPlatform platform;
  RunContext run;

  @BeforeEach
  void start() throws Exception {
    platform = StreamPlatform.embedded(dir);
    run = new RunContext(platform.runtime.vertx(), platform.runtime.substrate(), new RunOptions(20, "fraud", null, 0),
        Clock.systemUTC(), RUN);
    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "a"), Tally.envelope(RUN, "e2", "a"),
        Tally.envelope("platform_20200101T000000Z", "e3", "a"));
    LogEndOffsets ends = await(LogEndOffsets.measure(platform.runtime.substrate().eventLog(), Topics.EVENT_BUS, RUN,
        Clock.systemUTC()));
    await(platform.runtime.vertx().executeBlocking(() -> {
      ends.write(platform.services.config().platformRoot());
      return null;
    }));
  }

  @AfterEach
  void stop() throws Exception {
    await(platform.runtime.packs().down(new PackSpec("rtdl_core", List.of(tally().process())), RUN));
    platform.close();
  }

  Projector tally() {
    return new Projector(ProcessSpec.forRun("tally_worker", r -> new TallyVerticle(platform.services, r)), "tally",
        "tally", List.of(Tally.TOPIC), r -> Future.succeededFuture(List.of(GateCheck.pass("tally_closeout",
            "test", "ok"))));
  }

  @Test
  void shouldStartThePackAndPassOnceEveryProjectorReachedTheP7EndsAndIsGreen() throws Exception {
    Projector tally = tally();
    CaughtUpPhase p8 = new CaughtUpPhase(platform.runtime.packs(), new PackSpec("rtdl_core", List.of(tally.process())),
        List.of(tally), CatchUpBounds.within("p8", Duration.ofSeconds(30)));

    String evidence = await(p8.enter(run));
    List<GateCheck> checks = await(p8.gate(run));

    assertThat(checks).allSatisfy(c -> assertThat(c.pass()).as(c.explain()).isTrue());
    assertThat(checks).extracting(GateCheck::name).containsExactly("p7_log_end_offsets",
        "checkpoint_reached:tally_worker", "health_green:tally_worker", "tally_closeout");
    assertThat(checks.get(1).actual()).isEqualTo("reached on 1 partition(s)");
    Map<String, Object> doc = JsonFiles.read(Path.of(evidence));
    assertThat(doc.toString()).contains("fp.bus.traffic.fraud.v1/0=2").contains("tally.v0::" + RUN);
  }

  @Test
  void shouldFailAStalledProjectorAfterTheStallBoundNamingItsPositionAndTheRemedy() throws Exception {
    Projector idle = idle();
    // the ceiling is far: the stall bound alone ends the wait
    CaughtUpPhase p8 = new CaughtUpPhase(platform.runtime.packs(), new PackSpec("rtdl_core", List.of()),
        List.of(idle), new CatchUpBounds("p8", Duration.ofSeconds(1), Duration.ofSeconds(60)));

    long began = System.nanoTime();
    List<GateCheck> checks = await(p8.gate(run));

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
    GateCheck behind = checks.stream().filter(c -> c.name().equals("checkpoint_reached:idle_worker")).findFirst()
        .orElseThrow();
    assertThat(behind.pass()).isFalse();
    assertThat(behind.actual()).isEqualTo("fp.bus.traffic.fraud.v1/0 at nothing < 2");
    assertThat(behind.remedy()).startsWith("the projector made no progress for 1 s: read idle_worker.log")
        .contains("components.supervisor.p8_stall_seconds (env FP_P8_STALL_SECONDS)");
    assertThat(checks.stream().filter(c -> c.name().equals("health_green:idle_worker")).findFirst().orElseThrow()
        .actual()).isEqualTo("UNKNOWN [HEALTH_FILE_MISSING]");
  }

  @Test
  void shouldKeepWaitingPastTheStallBoundWhileAMemberProgressesUntilTheCeiling() throws Exception {
    Projector idle = idle();
    CaughtUpPhase p8 = new CaughtUpPhase(platform.runtime.packs(), new PackSpec("rtdl_core", List.of()),
        List.of(idle), new CatchUpBounds("p8", Duration.ofMillis(600), Duration.ofSeconds(3)));
    AtomicLong offset = new AtomicLong();
    // every look finds the member one record further, never at its end
    Supplier<Future<PackCatchUpPhase.Standing>> moving = () -> Future.succeededFuture(new PackCatchUpPhase.Standing(
        List.of(new CaughtUpPhase.Progress(idle, Map.of(new TopicPartition(Tally.TOPIC, 0), new Checkpoint(
            new TopicPartition(Tally.TOPIC, 0), String.valueOf(offset.incrementAndGet()), "file", 1, "t")),
            List.of(Tally.TOPIC + "/0 at " + offset.get() + " < 1000000"), 1)), null));

    long began = System.nanoTime();
    PackCatchUpPhase.Waited waited = await(p8.waitFor(run, moving, s -> Future.succeededFuture(false)));

    assertThat(waited.ending()).isEqualTo(PackCatchUpPhase.Ending.CEILING);
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(p8.remedy(waited, "idle_worker", "the projector")).startsWith("the projector was still progressing "
        + "when the phase's ceiling of 3 s passed: raise components.supervisor.p8_timeout_seconds");
  }

  @Test
  void shouldReadTheStallBoundAndCeilingFromTheSupervisorSection() {
    CatchUpBounds p9 = CatchUpBounds.of(platform.runtime.substrate().config().components().section("supervisor"),
        "p9");

    assertThat(p9.stall()).isEqualTo(Duration.ofSeconds(CatchUpBounds.DEFAULT_STALL_SECONDS));
    assertThat(p9.ceiling()).isEqualTo(Duration.ofSeconds(CatchUpBounds.DEFAULT_CEILING_SECONDS));
  }

  private static Projector idle() {
    return new Projector(ProcessSpec.forRun("idle_worker", r -> null), "idle", "idle",
        List.of(Tally.TOPIC), r -> Future.succeededFuture(List.of()));
  }
}
