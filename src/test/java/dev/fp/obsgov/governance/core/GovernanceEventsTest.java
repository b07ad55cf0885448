package dev.fp.obsgov.governance.core;

import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GovernanceEventsTest {
  static final String RUN = "platform_20260101T000000Z";

  @Test
  void shouldDeriveTheReferenceRunReportGeneratedEventId() {
    GovernanceEmit e = GovernanceEmit.system(GovernanceFamily.RUN_REPORT_GENERATED, RUN, "platform_run_reporter",
        "run_report_generated:" + RUN, Map.of("ingress", Map.of("admit", 3)));

    assertThat(GovernanceEvents.eventId(e))
        .isEqualTo("6831755d693afc385543d0658efc04304ba9b260a090c7c11b7cb6e33dc4ef44");
  }

  @Test
  void shouldKeyAnEventWithoutDedupeKeyOnItsDetails() {
    GovernanceEmit a = GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, RUN, "ig", null, Map.of("x", 1));
    GovernanceEmit b = GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, RUN, "ig", null, Map.of("x", 2));

    assertThat(GovernanceEvents.eventId(a)).isNotEqualTo(GovernanceEvents.eventId(b))
        .isEqualTo(GovernanceEvents.eventId(GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, RUN, "ig", null,
            Map.of("x", 1))));
  }

  @Test
  void shouldBuildTheReferenceShapeWithTheWritersProvenance() {
    GovernanceEmit e = new GovernanceEmit(GovernanceFamily.POLICY_REV_CHANGED, RUN, "a".repeat(32), "SYSTEM::ig",
        "service", "ig", "ig_policy_activation:d", Map.of("policy_rev", Map.of("content_digest", "d")));

    Map<String, Object> doc = GovernanceEvents.document(e, "2026-01-01T00:00:00.000000Z", "embedded", "dev-local");

    assertThat(doc.keySet()).containsExactly("event_id", "event_family", "ts_utc", "actor", "pins", "provenance",
        "details");
    assertThat(doc.get("actor")).isEqualTo(Map.of("actor_id", "SYSTEM::ig", "source_type", "SYSTEM",
        "source_component", "ig"));
    assertThat(doc.get("pins")).isEqualTo(Map.of("platform_run_id", RUN, "scenario_run_id", "a".repeat(32)));
    assertThat(doc.get("provenance")).isEqualTo(Map.of("service_release_id", "dev-local", "environment", "embedded",
        "run_config_digest", "d"));
  }

  @Test
  void shouldNormaliseSourceTypes() {
    for (String human : List.of("HUMAN", "user", " Operator ")) {
      assertThat(GovernanceEvents.sourceType(human)).isEqualTo("HUMAN");
    }
    assertThat(GovernanceEvents.sourceType("")).isEqualTo("SYSTEM");
    assertThat(GovernanceEvents.sourceType(null)).isEqualTo("SYSTEM");
    assertThat(GovernanceEvents.sourceType("service")).isEqualTo("SYSTEM");
    assertThat(GovernanceEvents.sourceType("batch")).isEqualTo("BATCH");
  }

  @Test
  void shouldRejectAnUnknownFamilyNamingTheField() {
    Map<String, Object> bad = new java.util.HashMap<>(GovernanceEmit.system(GovernanceFamily.RUN_STARTED, RUN, "s",
        "k", Map.of()).toMap());
    bad.put("event_family", "RUN_PAUSED");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GovernanceEmit.fromMap(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event_family: not one of");
  }
}
