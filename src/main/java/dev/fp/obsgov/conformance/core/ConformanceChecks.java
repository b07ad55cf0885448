package dev.fp.obsgov.conformance.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Environment conformance (reference case_ops_obs §5.4, adapted to our two profiles and extended with run-time
 * checks). Each check is {@code {check_id, status PASS|FAIL, details}}; the document is PASS only when every check
 * passes (strict). Pure.
 */
public final class ConformanceChecks {
  /** The principals that produce through IG: each needs a key in every profile's key file. */
  public static final List<String> PRODUCERS = List.of("SYSTEM::world_stream_producer", "SYSTEM::decision_fabric",
      "SYSTEM::action_layer", "SYSTEM::case_trigger");
  public static final String AUTH_MODE = "api_key";

  private ConformanceChecks() {
  }

  /**
   * @param profiles      profile name → its facts (both profiles: embedded and local_parity)
   * @param families      the eight families the platform defines
   * @param substrate     run-time substrate checks of the running profile: name → null when it passed, else why
   * @param receiptRevs   {@code policy_rev} of sampled IG receipts of the run (empty when none were read)
   * @param configuredRev the running profile's IG policy id and revision
   */
  public static Map<String, Object> evaluate(String runId, String generatedAt, Map<String, ProfileFacts> profiles,
                                             List<String> families, Map<String, String> substrate,
                                             List<Map<String, Object>> receiptRevs, Map<String, String> configuredRev) {
    List<Map<String, Object>> checks = new ArrayList<>();
    checks.add(alignment(profiles));
    checks.add(policyRevisions(profiles));
    checks.add(security(profiles));
    checks.add(governanceFamilies(profiles, families));
    checks.add(substrate(substrate));
    checks.add(receiptPolicy(receiptRevs, configuredRev));
    Map<String, Object> ids = new TreeMap<>();
    profiles.forEach((name, f) -> ids.put(name, f.profileId()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at_utc", generatedAt);
    doc.put("platform_run_id", runId);
    doc.put("status", checks.stream().allMatch(c -> "PASS".equals(c.get("status"))) ? "PASS" : "FAIL");
    doc.put("checks", checks);
    doc.put("profiles", ids);
    return doc;
  }

  /** Class map, partitioning and schema policy refs equal across profiles, and present. */
  static Map<String, Object> alignment(Map<String, ProfileFacts> profiles) {
    List<String> mismatches = new ArrayList<>();
    Set<List<String>> refs = new LinkedHashSet<>();
    profiles.values().forEach(f -> refs.add(f.policyRefs()));
    if (refs.size() > 1) {
      mismatches.add("components.ig policy files differ: " + describe(profiles, ProfileFacts::policyRefs));
    }
    profiles.forEach((name, f) -> f.missingPolicyFiles().forEach(m -> mismatches.add(name + ": missing " + m)));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mismatches", mismatches);
    details.put("policy_refs", describe(profiles, ProfileFacts::policyRefs));
    return check("semantic_contract_alignment", mismatches.isEmpty(), details);
  }

  static Map<String, Object> policyRevisions(Map<String, ProfileFacts> profiles) {
    List<String> missing = profiles.entrySet().stream()
        .filter(e -> e.getValue().policyRevision() == null || e.getValue().policyRevision().isBlank())
        .map(Map.Entry::getKey).sorted().toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("missing_profiles", missing);
    details.put("values", describe(profiles, ProfileFacts::policyRevision));
    return check("policy_revision_presence", missing.isEmpty(), details);
  }

  /** auth_mode api_key, the key file present, an operator key and a key for every producer, in every profile. */
  static Map<String, Object> security(Map<String, ProfileFacts> profiles) {
    List<String> issues = new ArrayList<>();
    profiles.forEach((name, f) -> {
      if (!AUTH_MODE.equals(f.authMode())) {
        issues.add(name + ": security.auth_mode is " + f.authMode() + ", expected " + AUTH_MODE);
      }
      if (!f.keyFilePresent()) {
        issues.add(name + ": key file " + f.apiKeysFile() + " missing or unreadable");
        return;
      }
      if (f.operators().isEmpty()) {
        issues.add(name + ": no key with roles=operator in " + f.apiKeysFile());
      }
      PRODUCERS.stream().filter(p -> !f.principals().contains(p))
          .forEach(p -> issues.add(name + ": no key for " + p + " in " + f.apiKeysFile()));
    });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("issues", issues);
    details.put("key_files", describe(profiles, ProfileFacts::apiKeysFile));
    return check("security_corridor_posture", issues.isEmpty(), details);
  }

  static Map<String, Object> governanceFamilies(Map<String, ProfileFacts> profiles, List<String> families) {
    Map<String, Object> missing = new TreeMap<>();
    Map<String, Object> unknown = new TreeMap<>();
    profiles.forEach((name, f) -> {
      List<String> m = families.stream().filter(x -> !f.governanceFamilies().contains(x)).toList();
      List<String> u = f.governanceFamilies().stream().filter(x -> !families.contains(x)).toList();
      if (!m.isEmpty()) {
        missing.put(name, m);
      }
      if (!u.isEmpty()) {
        unknown.put(name, u);
      }
    });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("missing_families", missing);
    details.put("unknown_families", unknown);
    details.put("declared_families", describe(profiles, ProfileFacts::governanceFamilies));
    return check("governance_event_schema_contract", missing.isEmpty() && unknown.isEmpty(), details);
  }

  /** The running profile's substrate answers: buckets, every topic, the SQL store. */
  static Map<String, Object> substrate(Map<String, String> results) {
    Map<String, Object> failed = new TreeMap<>();
    results.forEach((name, why) -> {
      if (why != null) {
        failed.put(name, why);
      }
    });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checked", new ArrayList<>(results.keySet()));
    details.put("failed", failed);
    return check("substrate_endpoints_and_topics", !results.isEmpty() && failed.isEmpty(), details);
  }

  /**
   * Every sampled receipt of the run carries one policy revision, the one this profile configures. No receipts:
   * FAIL (nothing admitted, nothing to compare).
   */
  static Map<String, Object> receiptPolicy(List<Map<String, Object>> revs, Map<String, String> configured) {
    Set<String> digests = new LinkedHashSet<>();
    Set<String> revisions = new LinkedHashSet<>();
    for (Map<String, Object> r : revs) {
      digests.add(String.valueOf(r.get("content_digest")));
      revisions.add(r.get("policy_id") + "@" + r.get("revision"));
    }
    String expected = configured.get("policy_id") + "@" + configured.get("revision");
    List<String> issues = new ArrayList<>();
    if (revs.isEmpty()) {
      issues.add("no IG receipt of the run was found to compare");
    }
    if (digests.size() > 1) {
      issues.add("receipts carry " + digests.size() + " different policy content digests");
    }
    revisions.stream().filter(r -> !r.equals(expected))
        .forEach(r -> issues.add("receipts carry policy " + r + ", the profile configures " + expected));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("receipts_sampled", revs.size());
    details.put("content_digests", new ArrayList<>(digests));
    details.put("policy_revisions", new ArrayList<>(revisions));
    details.put("configured", expected);
    details.put("issues", issues);
    return check("policy_digest_matches_receipts", issues.isEmpty(), details);
  }

  private static Map<String, Object> check(String id, boolean pass, Map<String, Object> details) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("check_id", id);
    c.put("status", pass ? "PASS" : "FAIL");
    c.put("details", details);
    return c;
  }

  private static Map<String, Object> describe(Map<String, ProfileFacts> profiles,
                                              java.util.function.Function<ProfileFacts, Object> field) {
    Map<String, Object> out = new TreeMap<>();
    profiles.forEach((name, f) -> out.put(name, field.apply(f)));
    return out;
  }
}
