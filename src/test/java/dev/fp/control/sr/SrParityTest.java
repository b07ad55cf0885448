package dev.fp.control.sr;

import dev.fp.testing.TestPostgres;
import dev.fp.contract.Ids;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.control.sr.store.LeaseStore;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fp.control.sr.SrReemitTest.failed;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SR main flow on the parity substrate: S3 (S3Mock at FP_TEST_S3_ENDPOINT; the world itself is read from
 * {@code s3://oracle-store/…}), Kinesis (kinesalite at FP_TEST_KINESALITE_ENDPOINT) and PostgreSQL
 * (FP_TEST_PG_HOST/PORT, a fresh schema). Bucket and stream names are fixed, so isolation comes from a fresh
 * platform run id and equivalence key per class.
 */
@Tag("parity")
class SrParityTest {
  static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  static final String SCHEMA = "t_sr_" + SUFFIX;
  static final String RUN = "platform_" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .format(ZonedDateTime.now(ZoneOffset.UTC));
  static final String KEY = "parity_test_" + SUFFIX;
  static SrFixture fx;
  static Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("sr-parity-");
    fx = SrFixture.openWithWorldInStore(config(), "s3://oracle-store/sr-parity/" + SUFFIX, RUN, tmp);
  }

  static PlatformConfig config() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("OBJECT_STORE_ENDPOINT", required("FP_TEST_S3_ENDPOINT")),
        Map.entry("KINESIS_ENDPOINT_URL", required("FP_TEST_KINESALITE_ENDPOINT")),
        Map.entry("AWS_ACCESS_KEY_ID", "fp"), Map.entry("AWS_SECRET_ACCESS_KEY", "fp"),
        Map.entry("FP_PG_HOST", TestPostgres.host()),
        Map.entry("FP_PG_PORT", Integer.toString(TestPostgres.port())),
        Map.entry("FP_PG_DATABASE", "postgres"), Map.entry("FP_PG_USER", "postgres"),
        Map.entry("FP_PG_SCHEMA", SCHEMA), Map.entry("FP_PG_POOL_SIZE", "4"),
        Map.entry("FP_RUNS_ROOT", tmp.resolve("runs").toString()));
    return ConfigLoader.load("local_parity", null, env);
  }

  static String required(String var) {
    String v = System.getenv(var);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(var + " is not set: start the parity services (scripts/test.sh does)");
    }
    return v;
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (fx != null) {
      fx.close();
    }
    TestPostgres.dropSchema(SCHEMA);
  }

  @Test
  void shouldPublishReadyOncePassP5AndReemitOnParity() throws Exception {
    SrResult first = await(fx.service().run(fx.request(KEY)));

    assertThat(first.readyPublished()).as(first.problems().toString()).isTrue();
    assertThat(first.busRef().offsetKind()).isEqualTo("kinesis_sequence");
    assertThat(first.readySignalRef()).startsWith("s3://fraud-platform/" + RUN + "/sr/ready_signal/");
    List<GateCheck> p5 = await(fx.service().checkP5(RUN));
    assertThat(failed(p5)).as(p5.toString()).isEmpty();

    SrResult again = await(fx.service().run(fx.request(KEY)));
    assertThat(again.alreadyOnBus()).isTrue();
    assertThat(again.busRef().offset()).isEqualTo(first.busRef().offset());

    SrResult reemitted = await(fx.service().reemit(RUN, first.runId()));
    assertThat(reemitted.messageId()).isEqualTo(first.messageId());
    assertThat(reemitted.busRef().offset()).isNotEqualTo(first.busRef().offset());
  }

  @Test
  void shouldReportLeaseBusyFromPostgres() throws Exception {
    String key = KEY + "_busy";
    await(new LeaseStore(fx.substrate.db(), fx.clock).acquire(Ids.srRunId(key), "other-sr", Duration.ofSeconds(300),
        SrCodes.LEASE_BUSY));

    assertThatThrownBy(() -> await(fx.service().run(fx.request(key)))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("LEASE_BUSY");
  }
}
