package dev.fp.cli;

import dev.fp.contract.StreamViewDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `fp world generate` → `fp oracle pack|sort|check` on a local root, re-runs and the failure exit codes. */
class OracleCommandTest {
  private static final String TRAFFIC = "s3_event_stream_with_fraud_6B";

  @TempDir
  Path temp;

  @Test
  void shouldBuildASealedSortedWorldAndTreatReRunsAsNoOps() throws Exception {
    Path root = temp.resolve("world");
    String[] generate = {"generate", "--flows", "400", "--parts", "3", "--end", "2026-01-05T00:00:00Z",
        "--out", root.toString()};
    assertThat(world(generate)).isZero();
    assertThat(world(generate)).isZero();
    String[] pack = {"pack", "--engine-run-root", root.toString(), "--scenario-id", "baseline_v1"};
    assertThat(oracle(pack)).isZero();
    assertThat(oracle(pack)).isZero();
    String[] sort = {"sort", "--engine-run-root", root.toString(), "--scenario-id", "baseline_v1",
        "--memory-mb", "32", "--temp-dir", temp.resolve("tmp").toString()};
    assertThat(oracle(sort)).isZero();
    Path receipt = root.resolve("stream_view/ts_utc/output_id=" + TRAFFIC).resolve(StreamViewDocs.RECEIPT);
    byte[] before = Files.readAllBytes(receipt);
    assertThat(oracle(sort)).isZero();
    assertThat(Files.readAllBytes(receipt)).isEqualTo(before);
    assertThat(oracle("check", "--engine-run-root", root.toString())).isZero();
  }

  @Test
  void shouldExitThreeOnATamperedReceiptOrAPartialViewAndTwoOnBadInput() throws Exception {
    Path root = temp.resolve("world");
    assertThat(world("generate", "--flows", "200", "--parts", "2", "--end", "2026-01-03T00:00:00Z",
        "--out", root.toString())).isZero();
    String[] sort = {"sort", "--engine-run-root", root.toString(), "--scenario-id", "baseline_v1",
        "--output-id", TRAFFIC, "--memory-mb", "32", "--temp-dir", temp.resolve("tmp").toString()};
    assertThat(oracle(sort)).isZero();
    Path view = root.resolve("stream_view/ts_utc/output_id=" + TRAFFIC);
    Files.writeString(view.resolve(StreamViewDocs.RECEIPT), "{\"status\":\"OK\"}");
    assertThat(oracle(sort)).isEqualTo(3);
    Files.delete(view.resolve(StreamViewDocs.RECEIPT));
    Files.delete(view.resolve(StreamViewDocs.MANIFEST));
    assertThat(oracle(sort)).isEqualTo(3);
    assertThat(oracle("sort", "--engine-run-root", root.toString(), "--scenario-id", "baseline_v1",
        "--output-id", "nope")).isEqualTo(2);
    assertThat(oracle("check", "--engine-run-root", root.toString())).isEqualTo(3);
    assertThat(world("generate", "--flows", "0", "--out", temp.resolve("x").toString())).isEqualTo(2);
  }

  private static int world(String... args) {
    return new CommandLine(new WorldCommand()).execute(args);
  }

  private static int oracle(String... args) {
    return new CommandLine(new OracleCommand()).execute(args);
  }
}
