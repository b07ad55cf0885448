package dev.fp.control.sr;

import dev.fp.contract.JsonDoc;
import dev.fp.control.sr.core.RunState;
import dev.fp.control.sr.core.SrException;
import dev.fp.oraclestore.Roots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.control.sr.SrTestSupport.KEYS;
import static dev.fp.control.sr.SrTestSupport.bytes;
import static dev.fp.control.sr.SrTestSupport.controlMessages;
import static dev.fp.control.sr.SrTestSupport.object;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No READY unless the sealed pack, every gate and every stream view verify (control_ingress §3.4, §10.6). */
class SrFailClosedTest {
  static final String TRAFFIC = "s3_event_stream_with_fraud_6B";

  @TempDir
  Path tmp;
  SrFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = SrFixture.embeddedWithOwnWorld(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private SrResult run() throws Exception {
    return await(fx.service().run(fx.request(KEY)));
  }

  private void assertNoReady() throws Exception {
    assertThat(bytes(fx, KEYS.readySignal())).isEmpty();
    assertThat(bytes(fx, KEYS.factsView())).isEmpty();
    assertThat(controlMessages(fx)).isEmpty();
  }

  @Test
  void shouldFailAnUnsealedPackAndKeepTheRunFailed() throws Exception {
    Files.delete(fx.engineRoot.resolve("_SEALED.json"));

    SrResult r = run();

    assertThat(r.state()).isEqualTo(RunState.FAILED);
    assertThat(r.reasonCode()).isEqualTo("PACK_NOT_SEALED");
    assertThat(r.readyPublished()).isFalse();
    assertThat(object(fx, KEYS.status())).containsEntry("state", "FAILED").containsEntry("reason_code",
        "PACK_NOT_SEALED");
    assertNoReady();
    assertThat(SrReemitTest.failed(await(fx.service().checkP5(SrFixture.RUN))))
        .containsExactlyElementsOf(SrP5GateTest.CHECKS);
    assertThatThrownBy(this::run).isInstanceOf(SrException.class).hasMessageStartingWith("RUN_TERMINAL");
  }

  @Test
  void shouldFailAPackWhoseManifestWasEditedAfterSealing() throws Exception {
    Path manifest = fx.engineRoot.resolve("_oracle_pack_manifest.json");
    Map<String, Object> m = new LinkedHashMap<>(JsonDoc.parse(Files.readAllBytes(manifest)).orElseThrow());
    Map<String, Object> worldKey = new LinkedHashMap<>((Map<String, Object>) m.get("world_key"));
    worldKey.put("seed", 43);
    m.put("world_key", worldKey);
    Files.write(manifest, JsonDoc.write(m));

    SrResult r = run();

    assertThat(r.state()).isEqualTo(RunState.FAILED);
    assertThat(r.reasonCode()).isEqualTo("ORACLE_PACK_MISMATCH");
    assertNoReady();
  }

  @Test
  void shouldQuarantineARunWhoseGateBundleWasTampered() throws Exception {
    Path report;
    try (Stream<Path> files = Files.walk(fx.engineRoot.resolve("data/layer3/6B/validation"))) {
      report = files.filter(p -> p.getFileName().toString().startsWith("validation_report_")).findFirst().orElseThrow();
    }
    Files.writeString(report, "{\"status\":\"PASS\",\"forged\":true}\n");

    SrResult r = run();

    assertThat(r.state()).isEqualTo(RunState.QUARANTINED);
    assertThat(r.reasonCode()).isEqualTo("EVIDENCE_CONFLICT");
    assertThat(r.problems()).anyMatch(p -> p.contains("gate.layer3.6B.validation"));
    assertThat(object(fx, KEYS.quarantine())).containsEntry("reason_code", "EVIDENCE_CONFLICT");
    assertNoReady();
  }

  @Test
  void shouldWaitForAMissingStreamViewAndCompleteOnceItIsSorted() throws Exception {
    deleteView(TRAFFIC);

    SrResult waiting = run();

    assertThat(waiting.state()).isEqualTo(RunState.WAITING_EVIDENCE);
    assertThat(waiting.problems()).anyMatch(p -> p.contains(TRAFFIC) && p.contains("receipt missing"));
    assertNoReady();
    SealedWorld.sort(Roots.open(fx.engineRoot.toString(), () -> null), List.of(TRAFFIC), tmp.resolve("sort"));

    assertThat(run().readyPublished()).isTrue();
  }

  @Test
  void shouldFailOnceTheEvidenceDeadlinePassed() throws Exception {
    deleteView(TRAFFIC);
    run();
    fx.clock.advance(Duration.ofSeconds(601));

    SrResult r = run();

    assertThat(r.state()).isEqualTo(RunState.FAILED);
    assertThat(r.reasonCode()).isEqualTo("EVIDENCE_MISSING_DEADLINE");
    assertNoReady();
  }

  @Test
  void shouldQuarantineAStreamViewWhoseReceiptNoLongerMatchesItsSources() throws Exception {
    Path receipt = fx.engineRoot.resolve("stream_view/ts_utc/output_id=" + TRAFFIC + "/_stream_sort_receipt.json");
    Map<String, Object> r = new LinkedHashMap<>(JsonDoc.parse(Files.readAllBytes(receipt)).orElseThrow());
    r.put("source_locator_digest", "0".repeat(64));
    Files.write(receipt, JsonDoc.write(r));

    SrResult result = run();

    assertThat(result.state()).isEqualTo(RunState.QUARANTINED);
    assertThat(result.problems()).anyMatch(p -> p.contains("source_locator_digest"));
    assertNoReady();
  }

  @Test
  void shouldStopOnFactsViewDriftWhenTheWorldNoLongerVerifiesAfterReady() throws Exception {
    assertThat(run().readyPublished()).isTrue();
    Files.delete(fx.engineRoot.resolve("stream_view/ts_utc/output_id=arrival_events_5B/_stream_sort_receipt.json"));

    assertThatThrownBy(this::run).isInstanceOf(SrException.class).hasMessageStartingWith("FACTS_VIEW_DRIFT");
    assertThat(object(fx, KEYS.status())).containsEntry("state", "READY");
    assertThat(controlMessages(fx)).hasSize(1);
  }

  private void deleteView(String outputId) throws Exception {
    Path dir = fx.engineRoot.resolve("stream_view/ts_utc/output_id=" + outputId);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
