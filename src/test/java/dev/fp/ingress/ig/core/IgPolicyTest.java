package dev.fp.ingress.ig.core;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IgPolicyTest {
  @Test
  void shouldLoadTheShippedPolicyAlignedWithThePlatformRouting() {
    IgPolicy p = IgSamples.policy();
    assertThat(p.alignmentProblems()).isEmpty();
    assertThat(p.classOf("s3_event_stream_with_fraud_6B")).isEqualTo("traffic_fraud");
    assertThat(p.classOf("unknown")).isEqualTo("traffic");
    assertThat(p.routeOf("case_trigger").topic()).isEqualTo("fp.bus.case.v1");
    assertThat(p.runConfigDigest()).matches("[0-9a-f]{64}");
    assertThat(p.payloadSchemaRefs()).hasSize(11);
  }

  @Test
  void shouldDigestPathsAndContentsOrderIndependently() {
    PolicyDoc a = new PolicyDoc("a.yaml", Map.of("x", 1));
    PolicyDoc b = new PolicyDoc("b.yaml", Map.of("y", List.of(1.0, "z")));
    assertThat(IgPolicy.runConfigDigest(List.of(a, b))).isEqualTo(IgPolicy.runConfigDigest(List.of(b, a)));
    assertThat(IgPolicy.runConfigDigest(List.of(a, b)))
        .isNotEqualTo(IgPolicy.runConfigDigest(List.of(a, new PolicyDoc("b.yaml", Map.of("y", List.of(2.0))))));
  }

  @Test
  void shouldRefuseAPolicyThatRoutesDifferentlyFromThePlatform() {
    PolicyDoc partitioning = IgSamples.doc("policies/partitioning_profiles_v0.yaml");
    Map<String, Object> content = AdmissionChecksTest.deepCopy(partitioning.content());
    @SuppressWarnings("unchecked") Map<String, Object> profiles = (Map<String, Object>) content.get("profiles");
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("stream", "fp.bus.case.triggers.v1");
    trigger.put("key_precedence", List.of("event_id"));
    profiles.put("ig.partitioning.v0.case.trigger", trigger);
    assertThatThrownBy(() -> IgSamples.policy(new PolicyDoc(partitioning.path(), content)))
        .isInstanceOf(PolicyException.class).hasMessageContaining("case_trigger")
        .hasMessageContaining("fp.bus.case.triggers.v1");
  }
}
