package dev.fp.rtdl.dl.core;

import dev.fp.contract.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderPolicyTest {
  static Map<String, Object> shipped() throws Exception {
    return Json.readYamlObject(Files.readAllBytes(Path.of("conf/dl/policy_v0.yaml")));
  }

  @Test
  void shouldReadTheShippedPolicy() throws Exception {
    LadderPolicy p = LadderPolicy.parse(shipped());
    assertThat(p.policyId()).isEqualTo("dl.policy.v0");
    assertThat(p.revision()).isEqualTo("r1");
    assertThat(p.contentDigest()).hasSize(64);
    assertThat(p.requiredSignals()).containsExactly("ofp_health", "ieg_health", "csfb_health", "eb_consumer_lag",
        "posture_store_health");
    assertThat(p.optionalSignals()).containsExactly("ig_health");
    assertThat(p.requiredMaxAgeSeconds()).isEqualTo(120);
    assertThat(p.upshiftQuietPeriodSeconds()).isEqualTo(60);
    assertThat(p.bootstrapGraceSeconds()).isEqualTo(90);
    assertThat(p.capabilities(Mode.NORMAL).allowedFeatureGroups())
        .containsExactly("core_features", "velocity", "entity_graph");
    assertThat(p.capabilities(Mode.FAIL_CLOSED).toMask()).containsEntry("allow_ieg", false)
        .containsEntry("allowed_feature_groups", List.of()).containsEntry("action_posture", "STEP_UP_ONLY");
  }

  @Test
  void shouldRefuseAnotherModeSequence() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>(shipped());
    doc.put("mode_sequence", List.of("NORMAL", "FAIL_CLOSED"));
    assertThatThrownBy(() -> LadderPolicy.parse(doc)).hasMessageContaining("mode_sequence must be exactly");
  }

  @Test
  void shouldRefuseADelayedDownshift() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>(shipped());
    doc.put("downshift_immediate", false);
    assertThatThrownBy(() -> LadderPolicy.parse(doc)).hasMessageContaining("downshift_immediate must be true");
  }

  @Test
  void shouldRefuseAModeWithoutCapabilitiesAndASignalTrackedTwice() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>(shipped());
    @SuppressWarnings("unchecked") Map<String, Object> modes = new LinkedHashMap<>((Map<String, Object>) doc.get("modes"));
    modes.remove("DEGRADED_2");
    doc.put("modes", modes);
    assertThatThrownBy(() -> LadderPolicy.parse(doc)).hasMessage("modes.DEGRADED_2 is missing");

    Map<String, Object> twice = new LinkedHashMap<>(shipped());
    twice.put("optional_signals", List.of("ofp_health"));
    assertThatThrownBy(() -> LadderPolicy.parse(twice)).hasMessage("signal ofp_health is both required and optional");
  }

  @Test
  void shouldDigestTheWholeDocument() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>(shipped());
    String before = LadderPolicy.parse(doc).contentDigest();
    doc.put("upshift_quiet_period_seconds", 61);
    assertThat(LadderPolicy.parse(doc).contentDigest()).isNotEqualTo(before);
  }
}
