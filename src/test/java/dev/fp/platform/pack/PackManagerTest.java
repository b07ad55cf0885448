package dev.fp.platform.pack;

import dev.fp.platform.JsonFiles;
import dev.fp.platform.log.Logging;
import dev.fp.platform.log.ProcessLogs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class) // injects a Vertx per test and closes it after the test
class PackManagerTest {
  @TempDir
  Path dir;
  Vertx vertx;
  PackManager packs;
  static final String RUN = "platform_20261127T100000Z";

  /** A component that logs through its component logger and reports readiness. */
  static final class Worker extends VerticleBase implements Readiness {
    private final String name;
    private final boolean ready;

    Worker(String name, boolean ready) {
      this.name = name;
      this.ready = ready;
    }

    @Override
    public Future<?> start() {
      Logging.component(name).info("{} consuming", name);
      return Future.succeededFuture();
    }

    @Override
    public Future<Result> readiness() {
      return Future.succeededFuture(new Result(ready, ready ? "alive" : "lease_held_by:other"));
    }
  }

  final PackSpec pack = new PackSpec("rtdl_core", List.of(
      ProcessSpec.of("ieg_projector", () -> new Worker("ieg_projector", true)),
      ProcessSpec.of("ofp_projector", () -> new Worker("ofp_projector", false))));

  @BeforeEach
  void setUp(Vertx vertx) {
    Logging.configure("text", "INFO");
    this.vertx = vertx;
    packs = new PackManager(vertx, dir, "embedded", Clock.systemUTC());
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldDeployRecordAndStopAPack() throws Exception {
    assertThat(await(packs.up(pack, RUN))).containsExactly("ieg_projector", "ofp_projector");
    assertThat(await(packs.up(pack, RUN))).as("up is start-if-not-running").isEmpty();

    Path packDir = dir.resolve("operate/embedded_rtdl_core_v0");
    Map<String, Object> state = JsonFiles.read(packDir.resolve("state.json"));
    assertThat(state.get("active_platform_run_id")).isEqualTo(RUN);
    Map<String, Object> procs = (Map<String, Object>) state.get("processes");
    assertThat(((Map<String, Object>) procs.get("ieg_projector")).get("running")).isEqualTo(true);
    assertThat(((Map<String, Object>) procs.get("ieg_projector")).get("jvm_pid"))
        .isEqualTo((int) ProcessHandle.current().pid());

    Map<String, Object> status = await(packs.status(pack, RUN));
    assertThat(status.get("healthy")).isEqualTo(false);
    assertThat(JsonFiles.read(packDir.resolve("status/last_status.json")).get("processes").toString())
        .contains("lease_held_by:other");

    Path log = dir.resolve(RUN).resolve("operate/embedded_rtdl_core_v0/logs/ieg_projector.log");
    ProcessLogs.drain();
    assertThat(Files.readString(log)).contains(" ieg_projector ").contains("ieg_projector consuming");

    assertThat(await(packs.down(pack, RUN))).containsExactly("ofp_projector", "ieg_projector");
    assertThat(vertx.deploymentIDs()).isEmpty();
    state = JsonFiles.read(packDir.resolve("state.json"));
    assertThat(((Map<String, Object>) ((Map<String, Object>) state.get("processes")).get("ieg_projector"))
        .get("running")).isEqualTo(false);
    List<String> events = Files.readAllLines(dir.resolve(RUN).resolve("operate/embedded_rtdl_core_v0/events.jsonl"));
    assertThat(events).anyMatch(l -> l.contains("\"process_started\"")).anyMatch(l -> l.contains("\"process_stopped\""))
        .anyMatch(l -> l.contains("\"status_written\""));
  }
}
