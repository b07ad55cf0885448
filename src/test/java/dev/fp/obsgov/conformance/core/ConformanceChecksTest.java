package dev.fp.obsgov.conformance.core;

import dev.fp.platform.governance.GovernanceFamily;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConformanceChecksTest {
  static final List<String> REFS = List.of("policies/class_map_v0.yaml", "policies/partitioning_profiles_v0.yaml",
      "policies/schema_policy_v0.yaml");
  static final Set<String> PRINCIPALS = Set.of("SYSTEM::world_stream_producer", "SYSTEM::decision_fabric",
      "SYSTEM::action_layer", "SYSTEM::case_trigger", "HUMAN::operator");

  static ProfileFacts facts(String id) {
    return new ProfileFacts(id, REFS, List.of(), "v0", "api_key", "ig_api_keys.txt", true, PRINCIPALS,
        Set.of("HUMAN::operator"), GovernanceFamily.names());
  }

  static Map<String, ProfileFacts> both(ProfileFacts parity) {
    Map<String, ProfileFacts> m = new LinkedHashMap<>();
    m.put("embedded", facts("embedded"));
    m.put("local_parity", parity);
    return m;
  }

  static Map<String, Object> evaluate(Map<String, ProfileFacts> profiles, Map<String, String> substrate,
                                      List<Map<String, Object>> revs) {
    return ConformanceChecks.evaluate("platform_20260101T000000Z", "2026-01-01T00:00:00.000000Z", profiles,
        GovernanceFamily.names(), substrate, revs, Map.of("policy_id", "ig_policy", "revision", "v0"));
  }

  static final List<Map<String, Object>> REVS = List.of(
      Map.of("policy_id", "ig_policy", "revision", "v0", "content_digest", "d1"),
      Map.of("policy_id", "ig_policy", "revision", "v0", "content_digest", "d1"));

  @SuppressWarnings("unchecked")
  private static String status(Map<String, Object> doc, String check) {
    return ((List<Map<String, Object>>) doc.get("checks")).stream().filter(c -> c.get("check_id").equals(check))
        .findFirst().orElseThrow().get("status").toString();
  }

  @Test
  void shouldPassWhenBothProfilesAlignAndTheSubstrateAndReceiptsConform() {
    Map<String, String> passed = new LinkedHashMap<>();
    passed.put("topic_exists:fp.bus.case.v1", null);
    Map<String, Object> doc = evaluate(both(facts("local_parity")), passed, REVS);

    assertThat(doc.get("status")).as(doc.toString()).isEqualTo("PASS");
    assertThat(doc.get("profiles")).isEqualTo(Map.of("embedded", "embedded", "local_parity", "local_parity"));
  }

  @Test
  void shouldFailEachCheckOnItsOwnDrift() {
    Map<String, String> ok = new LinkedHashMap<>();
    ok.put("bucket_exists:fraud-platform", null);
    ProfileFacts good = facts("local_parity");

    ProfileFacts otherRefs = new ProfileFacts("local_parity", List.of("a", "b", "c"), List.of(), "v0", "api_key",
        "k", true, PRINCIPALS, Set.of("HUMAN::operator"), GovernanceFamily.names());
    assertThat(status(evaluate(both(otherRefs), ok, REVS), "semantic_contract_alignment")).isEqualTo("FAIL");

    ProfileFacts noRev = new ProfileFacts("local_parity", REFS, List.of(), " ", "api_key", "k", true, PRINCIPALS,
        Set.of("HUMAN::operator"), GovernanceFamily.names());
    assertThat(status(evaluate(both(noRev), ok, REVS), "policy_revision_presence")).isEqualTo("FAIL");

    ProfileFacts noKeys = new ProfileFacts("local_parity", REFS, List.of(), "v0", "api_key", "k", false, Set.of(),
        Set.of(), GovernanceFamily.names());
    assertThat(status(evaluate(both(noKeys), ok, REVS), "security_corridor_posture")).isEqualTo("FAIL");

    ProfileFacts sevenFamilies = new ProfileFacts("local_parity", REFS, List.of(), "v0", "api_key", "k", true,
        PRINCIPALS, Set.of("HUMAN::operator"), GovernanceFamily.names().subList(0, 7));
    Map<String, Object> doc = evaluate(both(sevenFamilies), ok, REVS);
    assertThat(status(doc, "governance_event_schema_contract")).isEqualTo("FAIL");
    assertThat(doc.get("status")).isEqualTo("FAIL");

    Map<String, String> topicMissing = new LinkedHashMap<>(ok);
    topicMissing.put("topic_exists:fp.bus.case.v1", "missing");
    assertThat(status(evaluate(both(good), topicMissing, REVS), "substrate_endpoints_and_topics")).isEqualTo("FAIL");

    List<Map<String, Object>> drifted = List.of(REVS.get(0),
        Map.of("policy_id", "ig_policy", "revision", "v1", "content_digest", "d2"));
    assertThat(status(evaluate(both(good), ok, drifted), "policy_digest_matches_receipts")).isEqualTo("FAIL");
    assertThat(status(evaluate(both(good), ok, List.of()), "policy_digest_matches_receipts")).isEqualTo("FAIL");
    assertThat(status(evaluate(both(good), ok, REVS), "policy_digest_matches_receipts")).isEqualTo("PASS");
  }
}
