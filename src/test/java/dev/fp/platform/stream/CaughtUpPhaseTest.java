package dev.fp.platform.stream;

import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunOptions;
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
        List.of(tally), Duration.ofSeconds(30));

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
  void shouldFailNamingThePartitionsBehindWhenAProjectorDoesNotCatchUpInTime() throws Exception {
    Projector idle = new Projector(ProcessSpec.forRun("idle_worker", r -> null), "idle", "idle",
        List.of(Tally.TOPIC), r -> Future.succeededFuture(List.of()));
    CaughtUpPhase p8 = new CaughtUpPhase(platform.runtime.packs(), new PackSpec("rtdl_core", List.of()),
        List.of(idle), Duration.ofMillis(600));

    List<GateCheck> checks = await(p8.gate(run));

    GateCheck behind = checks.stream().filter(c -> c.name().equals("checkpoint_reached:idle_worker")).findFirst()
        .orElseThrow();
    assertThat(behind.pass()).isFalse();
    assertThat(behind.actual()).isEqualTo("fp.bus.traffic.fraud.v1/0 at nothing < 2");
    assertThat(checks.stream().filter(c -> c.name().equals("health_green:idle_worker")).findFirst().orElseThrow()
        .actual()).isEqualTo("UNKNOWN [HEALTH_FILE_MISSING]");
  }
}
