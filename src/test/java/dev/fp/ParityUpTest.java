package dev.fp;

import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fp up --profile local_parity} against the harness services (S3Mock, kinesalite, PostgreSQL): creates every
 * bucket, stream and table; a second run changes nothing; a missing service is one line naming it and its endpoint.
 */
@Tag("parity")
class ParityUpTest {
  @TempDir
  Path dir;
  private final java.util.List<String> schemas = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void dropSchemas() throws Exception {
    for (String schema : schemas) {
      TestPostgres.dropSchema(schema);
    }
  }

  private String profile(String kinesisEndpoint) {
    String schema = TestPostgres.freshSchema("t_up_");
    schemas.add(schema);
    return "profile: local_parity\nruns_root: " + dir.resolve("runs") + "\n"
        + "substrate:\n"
        + "  objectstore:\n    kind: s3\n    s3:\n      endpoint: " + System.getenv("FP_TEST_S3_ENDPOINT") + "\n"
        + "  eventlog:\n    kind: kinesis\n    kinesis:\n      endpoint: " + kinesisEndpoint + "\n"
        + "  sql:\n    kind: postgres\n    postgres:\n      host: " + TestPostgres.host()
        + "\n      port: " + TestPostgres.port()
        + "\n      database: postgres\n      user: postgres\n      schema: " + schema + "\n"
        + "http:\n  port: 0\n";
  }

  private String[] run(String yaml) throws Exception {
    Files.writeString(dir.resolve("local_parity.yaml"), yaml);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute("up", "--profile", "local_parity", "--config-dir", dir.toString());
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void shouldBootstrapIdempotentlyAndNameAMissingService() throws Exception {
    String yaml = profile(System.getenv("FP_TEST_KINESALITE_ENDPOINT"));
    String[] first = run(yaml);
    assertThat(first[0]).as(first[2]).isEqualTo("0");
    assertThat(first[1]).contains("ok      bucket_exists:oracle-store").contains("ok      topic_exists:fp.bus.audit.v1")
        .contains("ok      sql_schema_current").contains("substrate bootstrap succeeded");
    String[] second = run(yaml);
    assertThat(second[0]).isEqualTo("0");
    assertThat(second[1]).isEqualTo(first[1]);

    String[] missing = run(profile("http://127.0.0.1:1"));
    assertThat(missing[0]).isEqualTo("4");
    assertThat(missing[2]).contains("fp up: event log unavailable at http://127.0.0.1:1").doesNotContain("\tat ");
  }
}
