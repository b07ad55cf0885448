package dev.fp;

import dev.fp.testing.FpCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fp.testing.FpCli.fp;
import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a user meets it: exit codes and one-line errors. */
class MainTest {
  @TempDir
  Path dir;

  private Path profile(String yaml) throws Exception {
    return dev.fp.testing.ConfDirs.withProfile(dir, "t", yaml);
  }

  private String embedded() {
    return "profile: t\nruns_root: " + dir.resolve("runs") + "\nhttp:\n  port: 0\n"
        + "components:\n  supervisor:\n    api_key: local-parity-operator\n";
  }

  @Test
  void shouldRejectUnknownOptionWithOneLineAndExit2() {
    FpCli.Result r = fp("run", "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("fp run: Unknown option: '--bogus' (see fp run --help)");
  }

  @Test
  void shouldRejectBadValuesWithExit2() {
    assertThat(fp("run", "--cap", "abc").code()).isEqualTo(2);
    assertThat(fp("run", "--mode", "other").code()).isEqualTo(2);
    assertThat(fp("run", "--cap", "0").err()).contains("--cap must be >= 1");
    assertThat(fp("nosuchcommand").code()).isEqualTo(2);
  }

  @Test
  void shouldPrintHelpForEveryCommand() {
    for (String cmd : new String[] {"run", "up", "down", "status", "world", "oracle", "sr", "wsp", "report", "bench"}) {
      FpCli.Result r = fp(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: fp " + cmd);
    }
  }

  @Test
  void shouldReportInvalidConfigurationWithKeyAndExit5() throws Exception {
    FpCli.Result r = fp("status", "--profile", "t", "--config-dir", profile("profile: t\nhttp:\n  port: abc\n").toString());
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("fp status: invalid configuration: http.port: expected an integer, got \"abc\"")
        .doesNotContain("at dev.fp");
  }

  @Test
  void shouldReportUnreachableSubstrateWithExit4() throws Exception {
    FpCli.Result r = fp("status", "--profile", "t", "--config-dir", profile(embedded()
        + "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: 127.0.0.1\n      port: 1\n").toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("sql unavailable at 127.0.0.1:1/postgres").doesNotContain("\tat ");
  }

  @Test
  void shouldRunTheAvailablePhasesThenExit3NamingTheFirstUnavailableOneAndShowLagInStatus() throws Exception {
    Path conf = profile(embedded());
    FpCli.Result r = fp("run", "--cap", "20", "--profile", "t", "--config-dir", conf.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
    assertThat(r.out()).contains("P0 SUBSTRATE_READY").contains("PASSED")
        .contains("P2 DAEMONS_READY").contains("_SEALED.json")
        .contains("P5 READY_PUBLISHED").contains("/sr/")
        .contains("P7 INGEST_COMMITTED").contains("/ig/receipts/")
        .contains("P8 RTDL_CAUGHT_UP").contains("supervisor/p8_rtdl_caught_up.json")
        .contains("P9 DECISION_CHAIN_COMMITTED").contains("supervisor/p9_decision_chain_committed.json")
        .contains("P10 CASE_LABELS_COMMITTED").contains("supervisor/p10_case_labels_committed.json")
        .contains("P11 OBS_GOV_CLOSED").contains("obs/platform_run_report.json")
        .contains("result: PASSED at P11 OBS_GOV_CLOSED")
        .contains("P6 stream window: ").contains(", 80 events in ");
    assertThat(dir.resolve("runs/fraud-platform/ACTIVE_RUN_ID")).exists();
    assertThat(r.err()).contains("profile          t").contains("substrate bootstrap succeeded");
    FpCli.Result status = fp("status", "--profile", "t", "--config-dir", conf.toString());
    assertThat(status.out()).contains("consumer archive_writer (aw.v0::platform_").contains("): 0 records, 0.0 s behind")
        .contains(String.format("  %-28s %-13s attempts=1", "P8 RTDL_CAUGHT_UP", "PASSED"))
        .contains(String.format("  %-28s %-13s attempts=1", "P9 DECISION_CHAIN_COMMITTED", "PASSED"))
        .contains(String.format("  %-28s %-13s attempts=1", "P10 CASE_LABELS_COMMITTED", "PASSED"))
        .contains(String.format("  %-28s %-13s attempts=1", "P11 OBS_GOV_CLOSED", "PASSED"));

    // a resume of a run that passed its closeout has nothing left to drive: it passes again and changes no phase
    FpCli.Result resumed = fp("run", "--resume", "--profile", "t", "--config-dir", conf.toString());
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isEqualTo(0);
    assertThat(resumed.out()).contains("result: PASSED at P11 OBS_GOV_CLOSED")
        .contains(String.format("%-28s %-13s attempts=1", "P11 OBS_GOV_CLOSED", "PASSED"));

    // the run's cap is kept, never silently replaced
    FpCli.Result otherCap = fp("run", "--resume", "--cap", "50", "--profile", "t", "--config-dir", conf.toString());
    assertThat(otherCap.code()).isEqualTo(2);
    assertThat(otherCap.err()).contains("was started with --cap 20 and a resume keeps it");

    // a retry the seed does not allow is refused with its reason; an allowed loop only at the phase the run stopped at
    FpCli.Result p7 = fp("run", "--resume", "--retry", "P7", "--profile", "t", "--config-dir", conf.toString());
    assertThat(p7.code()).isEqualTo(3);
    assertThat(p7.err()).contains("fp run: refused (RETRY_NOT_ALLOWED): P7 INGEST_COMMITTED is not a retry loop")
        .contains("receipts are evidence");
    FpCli.Result p5 = fp("run", "--resume", "--retry", "P5", "--new-key", "--profile", "t", "--config-dir", conf.toString());
    assertThat(p5.code()).isEqualTo(3);
    assertThat(p5.err()).contains("refused (RETRY_NOT_AT_STOP)");

    // fp down tears the run down (P12), after which the run is closed
    FpCli.Result down = fp("down", "--profile", "t", "--config-dir", conf.toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains(String.format("  %-28s %-13s attempts=1", "P12 DONE", "PASSED"))
        .contains("p12_teardown.json").contains("result: PASSED at P12 DONE");
    FpCli.Result closed = fp("run", "--resume", "--profile", "t", "--config-dir", conf.toString());
    assertThat(closed.code()).isEqualTo(3);
    assertThat(closed.err()).contains("refused (RUN_DONE)");
    assertThat(fp("down", "--profile", "t", "--config-dir", conf.toString()).out())
        .contains("no teardown recorded (RUN_DONE)");
  }

  @Test
  void shouldRejectRetryOptionsOutsideTheirLoop() {
    assertThat(fp("run", "--retry", "P5").err()).contains("--retry applies to --resume only");
    assertThat(fp("run", "--resume", "--retry", "P3", "--new-key").err())
        .contains("--new-key applies to --retry P5 only");
    assertThat(fp("run", "--resume", "--retry", "P13").code()).isEqualTo(2);
  }

  @Test
  void shouldCreateNothingWithStatus() throws Exception {
    FpCli.Result r = fp("status", "--profile", "t", "--config-dir", profile(embedded()).toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.out()).contains("MISSING sql_schema_current  (no database yet; run `fp up`")
        .contains("active run: -").contains("phases: none recorded");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void shouldExit4NamingTheObjectStoreWhenItIsUnreachable() throws Exception {
    Path conf = profile(embedded() + "substrate:\n  objectstore:\n    kind: s3\n    s3:\n"
        + "      endpoint: http://127.0.0.1:1\n      region: us-east-1\n      access_key: a\n      secret_key: b\n"
        + "      path_style: true\n");
    FpCli.Result r = fp("run", "--cap", "20", "--profile", "t", "--config-dir", conf.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(r.out()).contains("result: SUBSTRATE_UNAVAILABLE at P0 SUBSTRATE_READY")
        .contains("object store unavailable at http://127.0.0.1:1");
  }

  @Test
  void shouldExit4NamingTheDatabaseWhenRunFindsNothingListening() throws Exception {
    Path conf = profile(embedded()
        + "substrate:\n  sql:\n    kind: postgres\n    postgres:\n      host: 127.0.0.1\n      port: 1\n");
    FpCli.Result r = fp("run", "--cap", "20", "--profile", "t", "--config-dir", conf.toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("fp run: sql unavailable at 127.0.0.1:1/postgres").doesNotContain("\tat ");
  }

  @Test
  void shouldBootstrapIdempotentlyWithUp() throws Exception {
    Path conf = profile(embedded());
    FpCli.Result first = fp("up", "--profile", "t", "--config-dir", conf.toString());
    FpCli.Result second = fp("up", "--profile", "t", "--config-dir", conf.toString());
    assertThat(first.code()).isZero();
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(first.out()).contains("ok      topic_exists:sr-control-bus")
        .contains("substrate bootstrap succeeded");
  }

  @Test
  void shouldRefuseAReportOfAMalformedRunIdWithExit2() {
    FpCli.Result r = fp("report", "--run", "platform_bad");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("fp report: --run: not a platform run id: platform_bad");
  }
}
