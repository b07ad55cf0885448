package dev.fp.control.sr;

import dev.fp.cli.SrCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fp sr run} / {@code fp sr reemit} end to end on the embedded profile, with their exit codes. */
class SrCommandTest {
  static final String RUN = "platform_20260210T091951Z";

  @TempDir
  Path tmp;

  /** A config folder whose embedded profile keeps all state under the temp folder, bootstrapped as P0 does. */
  private Path conf() throws Exception {
    Path runs = tmp.resolve("runs");
    String yaml = "profile: embedded\nruns_root: " + runs + "\nsubstrate:\n  objectstore:\n    kind: fs\n    root: "
        + runs.resolve("objects") + "\n  eventlog:\n    kind: file\n    root: " + runs.resolve("bus")
        + "\n    fsync: false\n  sql:\n    kind: sqlite\n    path: " + runs.resolve("state/platform.db") + "\n";
    Path dir = Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(dir.resolve("embedded.yaml"), yaml);
    SrFixture.open(SrFixture.embeddedConfig(tmp), SealedWorld.shared()).close();
    return dir;
  }

  private record Outcome(int code, String out) {
  }

  private Outcome fp(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new SrCommand()).execute(args);
      return new Outcome(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void shouldExitZeroWhenReadyIsPublishedAndReemitByKey() throws Exception {
    String conf = conf().toString();
    Outcome run = fp("run", "--config-dir", conf, "--platform-run-id", RUN, "--equivalence-key", "cli_key",
        "--engine-run-root", SealedWorld.shared().toString(), "--window-start", "2026-01-01T00:00:00Z",
        "--output", "json");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("\"state\" : \"READY\"").contains("\"published\" : true");

    Outcome reemit = fp("reemit", "--config-dir", conf, "--platform-run-id", RUN, "--equivalence-key", "cli_key");
    assertThat(reemit.code()).as(reemit.out()).isZero();
    assertThat(reemit.out()).contains("READY message_id");
  }

  @Test
  void shouldExitThreeOnPlanDriftAndTwoOnBadInput() throws Exception {
    String conf = conf().toString();
    String world = SealedWorld.shared().toString();
    assertThat(fp("run", "--config-dir", conf, "--platform-run-id", RUN, "--equivalence-key", "k",
        "--engine-run-root", world).code()).isZero();

    assertThat(fp("run", "--config-dir", conf, "--platform-run-id", RUN, "--equivalence-key", "k",
        "--engine-run-root", world, "--output-id", "arrival_events_5B").code()).isEqualTo(3);
    assertThat(fp("run", "--config-dir", conf, "--platform-run-id", RUN, "--equivalence-key", "k2",
        "--engine-run-root", tmp.resolve("missing").toString()).code()).isEqualTo(2);
    assertThat(fp("run", "--config-dir", conf, "--platform-run-id", "platform_bad", "--equivalence-key", "k3",
        "--engine-run-root", world).code()).isEqualTo(2);
  }
}
