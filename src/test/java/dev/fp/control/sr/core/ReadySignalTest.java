package dev.fp.control.sr.core;

import dev.fp.contract.Ids;
import dev.fp.contract.ReadySignal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The READY SR commits and publishes (control_ingress §3.6), built from SR's keys, facts view and plan. */
class ReadySignalTest {
  static final SrKeys KEYS = new SrKeys("platform_20260210T091951Z", Ids.srRunId("parity_20260210T091951Z"));

  static Map<String, Object> facts() {
    return Map.of("bundle_hash", "b".repeat(64), "run_config_digest", "d".repeat(64), "service_release_id", "rel",
        "environment", "embedded", "provenance", Map.of("service_release_id", "rel"),
        "oracle_pack_ref", Map.of("engine_run_root", "/w"),
        "pins", Map.of("manifest_fingerprint", "m".repeat(64), "parameter_hash", "p".repeat(64),
            "scenario_id", "baseline_v1"));
  }

  static RunPlan plan() {
    return new RunPlan(KEYS.runId(), Map.of(), "AUTO", List.of("a"), List.of("g"), "2026-02-10T09:30:00.000000Z", 1,
        "2026-02-10T09:20:00.000000Z", "h".repeat(64));
  }

  static Map<String, Object> payload(String emittedAtUtc) {
    return ReadySignal.payload(KEYS.platformRunId(), KEYS.runId(), KEYS.factsView(), plan().planHash(), facts(),
        emittedAtUtc);
  }

  @Test
  void shouldCarryEveryRequiredReadyField() {
    Map<String, Object> p = payload("2026-02-10T09:20:01.000000Z");

    assertThat(p).containsKeys("run_id", "platform_run_id", "scenario_run_id", "facts_view_ref", "bundle_hash",
        "message_id", "run_config_digest", "manifest_fingerprint", "parameter_hash", "scenario_id");
    assertThat(p).containsEntry("scenario_run_id", "7e0847b8622533045c5b69bce61c88bd")
        .containsEntry("facts_view_ref", "platform_20260210T091951Z/sr/run_facts_view/7e0847b8622533045c5b69bce61c88bd.json")
        .containsEntry("message_id", "110b44a82ef88c87c21d2f6924d03da51b85815cb1f1f451cd67734f0b8c4bb0")
        .containsEntry("plan_hash", "h".repeat(64));
  }

  @Test
  void shouldWrapThePayloadInTheControlEnvelope() {
    Map<String, Object> p = payload("t");
    Map<String, Object> e = ReadySignal.envelope(p, ReadySignal.KIND_READY, "2026-02-10T09:20:02.000000Z");

    assertThat(e).containsOnlyKeys("topic", "message_id", "published_at_utc", "attributes", "partition_key", "payload")
        .containsEntry("topic", "fp.bus.control.v1").containsEntry("message_id", p.get("message_id"))
        .containsEntry("partition_key", KEYS.runId())
        .containsEntry("attributes", Map.of("kind", "READY", "run_id", KEYS.runId()));
  }

  @Test
  void shouldOnlyIgnoreTheEmissionTimeWhenComparingSignals() {
    Map<String, Object> first = payload("t1");
    Map<String, Object> second = payload("t2");

    assertThat(Drift.fields(first, second, ReadySignal.VOLATILE_FIELDS)).isEmpty();
    assertThat(Drift.fields(first, second, java.util.Set.of())).containsExactly("emitted_at_utc");
  }

  @Test
  void shouldPublishAReadyThatWspAcceptsWithItsOracleRoot() {
    Map<String, Object> e = ReadySignal.envelope(payload("2026-02-10T09:20:01.000000Z"), ReadySignal.KIND_READY,
        "2026-02-10T09:20:02.000000Z");

    ReadySignal.Parsed parsed = ReadySignal.parse(e);

    assertThat(parsed.dropReason()).isNull();
    assertThat(parsed.ready()).isEqualTo(new ReadySignal(String.valueOf(e.get("message_id")), KEYS.runId(),
        "platform_20260210T091951Z", KEYS.runId(), KEYS.factsView(), "b".repeat(64), "baseline_v1", "/w", null, null));
  }
}
