package dev.fp.control.sr.core;

import dev.fp.world.core.GateBundle;
import dev.fp.world.core.InterfacePack;
import dev.fp.world.core.Segment;
import dev.fp.world.core.WorldOutputs;
import dev.fp.world.core.WorldPins;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Gate verification by digest law against bundles written by the world generator (data_and_numbers §1.7). */
class GateVerifierTest {
  static final String MF = "a".repeat(64);
  static final WorldPins PINS = new WorldPins(MF, "b".repeat(64), 42, "baseline_v1", "c".repeat(32));
  static final GateMap MAP = GateMap.parse(InterfacePack.gateMap(WorldOutputs.specs()).getBytes(StandardCharsets.UTF_8),
      "gate map");

  static GateEvidence evidence(Segment s, Map<String, byte[]> files) {
    Map<String, byte[]> copy = new LinkedHashMap<>(files);
    return new GateEvidence(s.gateId(), "bundle/", "bundle/" + s.indexName(), "bundle/_passed.flag", s.indexName(),
        Optional.ofNullable(copy.get(GateBundle.FLAG)), copy);
  }

  static GateResult verify(Segment s, Map<String, byte[]> files) {
    return GateVerifier.verify(MAP.find(s.gateId()).orElseThrow(), evidence(s, files), MF);
  }

  @Test
  void shouldPassEveryGeneratedBundleByItsOwnLaw() {
    for (Segment s : Segment.values()) {
      GateResult r = verify(s, GateBundle.files(s, PINS, Map.of("x", 1L)));
      assertThat(r.status()).as(s.gateId() + " " + r.detail()).isEqualTo(GateResult.Status.PASS);
      assertThat(r.receipt()).containsEntry("gate_id", s.gateId()).containsEntry("status", "PASS")
          .containsEntry("receipt_kind", "passed_flag");
    }
  }

  @Test
  void shouldFlagATamperedBundleMemberAsConflict() {
    for (Segment s : Segment.values()) {
      Map<String, byte[]> files = new LinkedHashMap<>(GateBundle.files(s, PINS, Map.of("x", 1L)));
      files.put("validation_report_" + s.code() + ".json", "{\"status\":\"FAIL\"}\n".getBytes(StandardCharsets.UTF_8));
      assertThat(verify(s, files).status()).as(s.gateId()).isEqualTo(GateResult.Status.CONFLICT);
    }
  }

  @Test
  void shouldWaitForAMissingFlag() {
    Map<String, byte[]> files = new LinkedHashMap<>(GateBundle.files(Segment.S6B, PINS, Map.of()));
    files.remove(GateBundle.FLAG);

    assertThat(verify(Segment.S6B, files).status()).isEqualTo(GateResult.Status.MISSING);
  }

  @Test
  void shouldFailAFlagWithoutDigest() {
    Map<String, byte[]> files = new LinkedHashMap<>(GateBundle.files(Segment.S6B, PINS, Map.of()));
    files.put(GateBundle.FLAG, "passed\n".getBytes(StandardCharsets.UTF_8));

    assertThat(verify(Segment.S6B, files).status()).isEqualTo(GateResult.Status.FAIL);
  }

  @Test
  void shouldRejectAJsonFlagOfAnotherWorld() {
    WorldPins other = new WorldPins("d".repeat(64), PINS.parameterHash(), 42, "baseline_v1", PINS.runId());
    GateResult r = verify(Segment.S5B, GateBundle.files(Segment.S5B, other, Map.of()));

    assertThat(r.status()).isEqualTo(GateResult.Status.CONFLICT);
    assertThat(r.detail()).contains("manifest_fingerprint");
  }
}
