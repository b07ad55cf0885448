package dev.fp.control.sr;

import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.fp.control.sr.SrFixture.RUN;
import static dev.fp.control.sr.SrReemitTest.failed;
import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor's P5 READY_PUBLISHED exit gate over SR's durable evidence. */
class SrP5GateTest {
  static final List<String> CHECKS = List.of("sr_log_ready_committed", "sr_log_ready_published",
      "ready_signal_committed", "run_status_ready", "ready_on_control_bus");

  @TempDir
  Path tmp;
  SrFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = SrFixture.embedded(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void shouldPassOnceReadyIsCommittedAndPublished() throws Exception {
    SrResult r = await(fx.service().run(fx.request(KEY)));

    List<GateCheck> checks = await(fx.service().checkP5(RUN));

    assertThat(checks).extracting(GateCheck::name).containsExactlyElementsOf(CHECKS);
    assertThat(failed(checks)).isEmpty();
    assertThat(checks.get(4).actual()).contains(r.messageId());
    assertThat(checks.get(0).evidence()).endsWith("scenario_runner.log");
  }

  @Test
  void shouldFailEveryCheckBeforeSrRan() throws Exception {
    List<GateCheck> checks = await(fx.service().checkP5(RUN));

    assertThat(failed(checks)).containsExactlyElementsOf(CHECKS);
    assertThat(checks).allSatisfy(c -> assertThat(c.remedy()).isNotBlank());
  }

  @Test
  void shouldNotCountAReadyOfAnotherPlatformRun() throws Exception {
    await(fx.service().run(fx.request(KEY)));

    assertThat(failed(await(fx.service().checkP5("platform_20260211T000000Z")))).containsExactlyElementsOf(CHECKS);
  }
}
