package dev.fp.control.sr.core;

import dev.fp.contract.Catalogue;
import dev.fp.world.core.InterfacePack;
import dev.fp.world.core.WorldOutputs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Planning (control_ingress §3.4 step 3) and the write-once drift rule of the plan. */
class RunPlanTest {
  static final Catalogue CATALOGUE = Catalogue.parse(InterfacePack.catalogue(WorldOutputs.specs())
      .getBytes(StandardCharsets.UTF_8));
  static final GateMap GATES = GateMap.parse(InterfacePack.gateMap(WorldOutputs.specs())
      .getBytes(StandardCharsets.UTF_8), "gate map");
  static final Clock T0 = Clock.fixed(Instant.parse("2026-02-10T09:20:00Z"), ZoneOffset.UTC);
  static final SrPolicy POLICY = SrPolicy.defaults(600);

  static RunPlan plan(List<String> outputs, Clock clock) {
    return RunPlan.build("r".repeat(32), POLICY, outputs, CATALOGUE, GATES, clock);
  }

  @Test
  void shouldCloseRequiredGatesOverTheWholeUpstreamChain() {
    RunPlan p = plan(List.of("s3_event_stream_with_fraud_6B"), T0);

    assertThat(p.requiredGates()).hasSize(10).contains("gate.layer1.1A.validation", "gate.layer3.6B.validation");
  }

  @Test
  void shouldSortOutputsAndDefaultToThePolicyTrafficOutputs() {
    assertThat(plan(List.of("s3_event_stream_with_fraud_6B", "arrival_events_5B"), T0).intendedOutputs())
        .containsExactly("arrival_events_5B", "s3_event_stream_with_fraud_6B");
    assertThat(plan(List.of(), T0).intendedOutputs()).containsExactlyElementsOf(SrPolicy.DEFAULT_TRAFFIC_OUTPUTS);
  }

  @Test
  void shouldRequireOnlyTheUpstreamOfTheArrivalGate() {
    assertThat(plan(List.of("arrival_events_5B"), T0).requiredGates()).doesNotContain("gate.layer3.6B.validation")
        .contains("gate.layer2.5B.validation");
  }

  @Test
  void shouldRejectAnOutputTheCatalogueDoesNotList() {
    assertThatThrownBy(() -> plan(List.of("nope_6B"), T0)).isInstanceOf(SrException.class)
        .hasMessageStartingWith("UNKNOWN_OUTPUT_ID");
  }

  @Test
  void shouldHashThePlanWithoutItsHashAndSetTheDeadline() {
    RunPlan p = plan(List.of("arrival_events_5B"), T0);
    Map<String, Object> unhashed = new LinkedHashMap<>(p.toMap());
    unhashed.remove("plan_hash");

    // Computed once with Python 3: sha256(json.dumps(plan without plan_hash, sort_keys=True, separators=(",", ":")))
    // over run_id r*32, policy_rev sr_policy/v0/8b71…1f8e, strategy AUTO, intended_outputs [arrival_events_5B], the
    // eight layer1/layer2 gates listed below, deadline 09:30, attempt_limit 1, created_at 09:20.
    assertThat(p.planHash()).isEqualTo("a6c9c3f1376639ee1c179c85ace121cfdc628764d4dcdac440a2ede9cfb5a79f");
    assertThat(unhashed).containsOnlyKeys("run_id", "policy_rev", "strategy", "intended_outputs", "required_gates",
        "evidence_deadline_utc", "attempt_limit", "created_at_utc");
    assertThat(p.requiredGates()).containsExactly("gate.layer1.1A.validation", "gate.layer1.1B.validation",
        "gate.layer1.2A.validation", "gate.layer1.2B.validation", "gate.layer1.3A.validation",
        "gate.layer1.3B.validation", "gate.layer2.5A.validation", "gate.layer2.5B.validation");
    assertThat(p.evidenceDeadlineUtc()).isEqualTo("2026-02-10T09:30:00.000000Z");
    assertThat(p.deadlinePassed(Instant.parse("2026-02-10T09:30:01Z"))).isTrue();
    assertThat(RunPlan.fromMap(p.toMap())).isEqualTo(p);
  }

  @Test
  void shouldSeeNoDriftBetweenPlansOfTheSameRequestAtDifferentTimes() {
    RunPlan first = plan(List.of("arrival_events_5B"), T0);
    RunPlan later = plan(List.of("arrival_events_5B"), Clock.offset(T0, Duration.ofHours(1)));

    assertThat(first.planHash()).isNotEqualTo(later.planHash());
    assertThat(Drift.fields(first.toMap(), later.toMap(), RunPlan.VOLATILE_FIELDS)).isEmpty();
    assertThat(Drift.fields(first.toMap(), plan(List.of("s3_event_stream_with_fraud_6B"), T0).toMap(),
        RunPlan.VOLATILE_FIELDS)).containsExactly("intended_outputs", "required_gates");
  }
}
