package dev.fp;

import dev.fp.testing.FpCli;
import dev.fp.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fp.testing.FpCli.fp;
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

  private FpCli.Result run(String yaml) throws Exception {
    Files.writeString(dir.resolve("local_parity.yaml"), yaml);
    return fp("up", "--profile", "local_parity", "--config-dir", dir.toString());
  }

  @Test
  void shouldBootstrapIdempotentlyAndNameAMissingService() throws Exception {
    String yaml = profile(System.getenv("FP_TEST_KINESALITE_ENDPOINT"));
    FpCli.Result first = run(yaml);
    assertThat(first.code()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).contains("ok      bucket_exists:oracle-store").contains("ok      topic_exists:fp.bus.audit.v1")
        .contains("ok      sql_schema_current").contains("substrate bootstrap succeeded");
    FpCli.Result second = run(yaml);
    assertThat(second.code()).isEqualTo(0);
    assertThat(second.out()).isEqualTo(first.out());

    FpCli.Result missing = run(profile("http://127.0.0.1:1"));
    assertThat(missing.code()).isEqualTo(4);
    assertThat(missing.err()).contains("fp up: event log unavailable at http://127.0.0.1:1").doesNotContain("\tat ");
  }
}
