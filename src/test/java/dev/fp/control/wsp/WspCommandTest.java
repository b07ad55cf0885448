package dev.fp.control.wsp;

import dev.fp.cli.WspCommand;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fp wsp once|status} against the same embedded substrate a running pack would use. */
class WspCommandTest {
  static final String SR = "7e0847b8622533045c5b69bce61c88bd";

  @TempDir
  static Path dir;
  static WspHarness h;
  static WorldFixture world;
  static Path conf;
  String run;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void open() throws Exception {
    h = WspHarness.open(dir);
    world = WorldFixture.fraud(h.substrate.objectStore(), dir, "cli", 4, 1);
    conf = dir.resolve("conf");
    Path runs = dir.resolve("runs").toAbsolutePath();
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("embedded.yaml"), String.join("\n",
        "profile: embedded",
        "runs_root: " + runs,
        "substrate:",
        "  objectstore: {kind: fs, root: " + runs.resolve("objects") + "}",
        "  eventlog: {kind: file, root: " + runs.resolve("bus") + ", fsync: false, partitions: 1}",
        "  sql: {kind: sqlite, path: " + runs.resolve("state/platform.db") + "}",
        "http: {host: 127.0.0.1, port: 0}",
        "components:",
        "  wsp: {required_packs: [], ig_url: '" + h.ig.url() + "', api_key: " + WspHarness.API_KEY
            + ", ready_poll_ms: 20, lease_ttl_seconds: 3}",
        ""));
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @BeforeEach
  void freshRun() throws Exception {
    run = h.freshFraudRun(2);
  }

  @AfterEach
  void undeploy() throws Exception {
    h.undeployAll();
  }

  int fp(String... args) {
    CommandLine cli = new CommandLine(new WspCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseOnceWhileThePacksWspHoldsTheLeaseAndNameTheHolder() throws Exception {
    h.deploy(h.config(Map.of()));
    String holder = Await.await(h.deployed().readiness()).reason().substring("lease_held_by:".length());

    int code = fp("once", "--config-dir", conf.toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("fp wsp once: refusing to run: consumer group wsp_ready_consumer is held by "
        + holder);
  }

  @Test
  void shouldStreamTheDueReadiesOnceAndExitZero() throws Exception {
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    int code = fp("once", "--config-dir", conf.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("READY " + mid + ": STREAMED emitted=8");
    assertThat(h.ready(mid).orElseThrow().status()).isEqualTo(ReadyStatus.STREAMED);
    assertThat(h.ig.arrivals()).hasSize(8);
    assertThat(h.logLines(run)).anyMatch(l -> l.contains("WSP stream stop") && l.contains("emitted=2"));

    out.getBuffer().setLength(0);
    assertThat(fp("status", "--config-dir", conf.toString())).isZero();
    assertThat(out.toString()).contains("READY " + mid + " STREAMED emitted=8").contains("stream window");
  }

  @Test
  void shouldExitThreeWhenAReadyFails() throws Exception {
    h.ig.failAlways(400);
    String mid = h.publishReady(run, SR, run, world.engineRoot);

    assertThat(fp("once", "--config-dir", conf.toString())).isEqualTo(3);

    assertThat(out.toString()).as(err.toString()).contains("READY " + mid + ": FAILED")
        .contains("reason=IG_PUSH_REJECTED");
  }
}
