package dev.fp.control.sr;

import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.SrException;
import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.fp.control.sr.SrFixture.RUN;
import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.control.sr.SrTestSupport.RUN_ID;
import static dev.fp.control.sr.SrTestSupport.controlMessages;
import static dev.fp.control.sr.SrTestSupport.recordKinds;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operator re-emit of a committed READY, and recovery from a failed publish. */
class SrReemitTest {
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
  void shouldRepublishTheCommittedReadyWithTheSameMessageId() throws Exception {
    SrResult first = await(fx.service().run(fx.request(KEY)));

    SrResult again = await(fx.service().reemit(RUN, RUN_ID));

    assertThat(again.messageId()).isEqualTo(first.messageId());
    List<Map<String, Object>> bus = controlMessages(fx);
    assertThat(bus).hasSize(2);
    assertThat(bus.get(1)).containsEntry("message_id", first.messageId())
        .containsEntry("attributes", Map.of("kind", "READY_REEMIT", "run_id", RUN_ID));
    assertThat(bus.get(1).get("payload")).isEqualTo(bus.get(0).get("payload"));
    assertThat(recordKinds(fx)).endsWith("REEMIT_PUBLISHED");
    assertThat(Files.readString(fx.settings.platformRoot().resolve(RUN).resolve("session.jsonl")))
        .contains("\"event_kind\":\"reemit\"");
  }

  @Test
  void shouldRefuseToReemitARunWithoutCommittedReady() {
    assertThatThrownBy(() -> await(fx.service().reemit(RUN, RUN_ID))).isInstanceOf(SrException.class)
        .hasMessageStartingWith("READY_NOT_COMMITTED");
  }

  @Test
  void shouldKeepReadyCommittedWhenPublishFailsAndRecoverByReemit() throws Exception {
    SrService brokenBus = fx.service(fx.substrate.objectStore(), new FailingPublishEventLog(fx.substrate.eventLog()));

    SrResult r = await(brokenBus.run(fx.request(KEY)));

    assertThat(r.state()).isEqualTo(RunState.READY);
    assertThat(r.published()).isFalse();
    assertThat(r.reasonCode()).isEqualTo("READY_PUBLISH_FAILED");
    assertThat(controlMessages(fx)).isEmpty();
    assertThat(failed(await(fx.service().checkP5(RUN)))).containsExactly("sr_log_ready_published",
        "ready_on_control_bus");

    await(fx.service().reemit(RUN, RUN_ID));

    assertThat(failed(await(fx.service().checkP5(RUN)))).isEmpty();
  }

  static List<String> failed(List<GateCheck> checks) {
    return checks.stream().filter(c -> !c.pass()).map(GateCheck::name).toList();
  }
}
