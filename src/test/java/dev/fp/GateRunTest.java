package dev.fp;

import dev.fp.testing.TestPostgres;
import dev.fp.testing.ConfDirs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded acceptance gates through `fp run` as an operator runs them: Gate-200 on the embedded profile and
 * Gate-20 on the parity substrate (S3Mock, kinesalite, PostgreSQL). Every phase this build has (P0..P7) must pass
 * with emitted = cap for all four outputs; the run then stops at the first phase not in this build.
 */
class GateRunTest {
  @TempDir
  Path dir;

  private String[] fp(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static void assertPassedP0ToP7WithCapPerOutputThenStoppedAtP8(String[] r, int cap) {
    assertThat(r[1]).as(r[2]).contains(String.format("%-28s %-13s", "P7 INGEST_COMMITTED", "PASSED"))
        .contains("result: NOT_AVAILABLE at P8 RTDL_CAUGHT_UP")
        .contains(", " + (4 * cap) + " events in ");
    for (String phase : new String[] {"P0 SUBSTRATE_READY", "P1 RUN_PINNED", "P2 DAEMONS_READY", "P3 ORACLE_READY",
        "P4 INGEST_READY", "P5 READY_PUBLISHED", "P6 STREAMING_ACTIVE"}) {
      assertThat(r[1]).contains(String.format("%-28s %-13s", phase, "PASSED"));
    }
    assertThat(r[0]).isEqualTo("3");
  }

  @Test
  void gate200OnEmbeddedShouldPassP0ToP7With200EventsPerOutputAndExit3AtP8() throws Exception {
    Path conf = ConfDirs.withProfile(dir, "t", "profile: t\nruns_root: " + dir.resolve("runs") + "\nhttp:\n  port: 0\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n");
    assertPassedP0ToP7WithCapPerOutputThenStoppedAtP8(fp("run", "--cap", "200", "--profile", "t", "--config-dir", conf.toString()), 200);
  }

  @Test
  @Tag("parity")
  void gate20OnParityShouldPassP0ToP7With20EventsPerOutputAndExit3AtP8() throws Exception {
    String schema = TestPostgres.freshSchema("t_gate_");
    Path conf = ConfDirs.withProfile(dir, "local_parity", "profile: local_parity\nruns_root: " + dir.resolve("runs")
        + "\nsubstrate:\n"
        + "  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + System.getenv("FP_TEST_S3_ENDPOINT") + "\n"
        + "  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + System.getenv("FP_TEST_KINESALITE_ENDPOINT")
        + "\n  sql:\n    kind: postgres\n    postgres:\n      host: "
        + TestPostgres.host() + "\n      port: "
        + TestPostgres.port() + "\n      database: postgres\n      user: postgres\n"
        + "      schema: " + schema + "\nhttp:\n  port: 0\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n");
    try {
      assertPassedP0ToP7WithCapPerOutputThenStoppedAtP8(fp("run", "--cap", "20", "--profile", "local_parity", "--config-dir", conf.toString()),
          20);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }
}
