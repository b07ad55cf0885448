package dev.fp.rtdl.df.core;

import dev.fp.contract.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry snapshot DF resolves its bundle against (reference rtdl §6 step 5, {@code conf/df/registry_snapshot.yaml}):
 * one active bundle per {@code mode|bundle_slot} scope with its compatibility contract. Parsed strictly.
 */
public record RegistrySnapshot(String policyId, String revision, String contentDigest, Map<String, Bundle> byScope) {
  public static final String SLOT = "primary";

  /** A bundle and what it needs from the features and the posture. */
  public record Bundle(String bundleId, String bundleVersion, String registryRef, String registryEventId,
                       Map<String, String> requiredFeatureGroups, boolean requireIeg, boolean requireModelPrimary,
                       boolean requireModelStage2, boolean requireFallbackHeuristics, String requiredActionPosture) {
    public Map<String, Object> ref() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bundle_id", bundleId);
      m.put("registry_ref", registryRef);
      m.put("bundle_version", bundleVersion);
      return m;
    }
  }

  /** RESOLVED with its bundle, or FAIL_CLOSED with the causes. */
  public record Resolution(String outcome, Bundle bundle, List<String> reasons) {
    public boolean failClosed() {
      return bundle == null;
    }
  }

  private static final Set<String> TOP = Set.of("policy_id", "revision", "bundles");
  private static final Set<String> FIELDS = Set.of("mode", "bundle_slot", "bundle_id", "bundle_version",
      "registry_ref", "registry_event_id", "required_feature_groups", "require_ieg", "require_model_primary",
      "require_model_stage2", "require_fallback_heuristics", "required_action_posture");

  /** {policy_id, revision, content_digest}: the policy_rev every decision and intent cites. */
  public Map<String, Object> policyRev() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("content_digest", contentDigest);
    return m;
  }

  /**
   * Resolves the bundle of {@code mode} against the feature groups the snapshot named ({@code name → version}) and
   * the posture's capabilities mask.
   */
  public Resolution resolve(String mode, Map<String, String> featureGroupVersions, Map<String, Object> mask) {
    Bundle b = byScope.get(mode + "|" + SLOT);
    if (b == null) {
      return new Resolution("FAIL_CLOSED", null, List.of("FAIL_CLOSED_NO_COMPATIBLE_BUNDLE", "SCOPE_NOT_FOUND"));
    }
    List<String> causes = new ArrayList<>();
    b.requiredFeatureGroups().forEach((g, v) -> {
      String served = featureGroupVersions.get(g);
      if (served == null) {
        causes.add("FEATURE_GROUP_MISSING:" + g);
      } else if (!served.equals(v)) {
        causes.add("FEATURE_GROUP_VERSION_MISMATCH:" + g);
      }
    });
    capability(causes, b.requireIeg(), mask, "allow_ieg");
    capability(causes, b.requireModelPrimary(), mask, "allow_model_primary");
    capability(causes, b.requireModelStage2(), mask, "allow_model_stage2");
    capability(causes, b.requireFallbackHeuristics(), mask, "allow_fallback_heuristics");
    if ("NORMAL".equals(b.requiredActionPosture()) && !"NORMAL".equals(mask.get("action_posture"))) {
      causes.add("CAPABILITY_MISMATCH:action_posture");
    }
    if (!causes.isEmpty()) {
      List<String> reasons = new ArrayList<>(List.of("FAIL_CLOSED_NO_COMPATIBLE_BUNDLE", "ACTIVE_BUNDLE_INCOMPATIBLE"));
      reasons.addAll(causes);
      return new Resolution("FAIL_CLOSED", null, reasons);
    }
    return new Resolution("RESOLVED", b, List.of("ACTIVE_BUNDLE_RESOLVED"));
  }

  private static void capability(List<String> causes, boolean required, Map<String, Object> mask, String cap) {
    if (required && !Boolean.TRUE.equals(mask.get(cap))) {
      causes.add("CAPABILITY_MISMATCH:" + cap);
    }
  }

  @SuppressWarnings("unchecked")
  public static RegistrySnapshot parse(Map<String, Object> doc) {
    unknown(doc.keySet(), TOP, "registry snapshot");
    String policyId = text(doc, "policy_id", "registry snapshot");
    String revision = text(doc, "revision", "registry snapshot");
    if (!(doc.get("bundles") instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("registry snapshot: bundles must be a non-empty list");
    }
    Map<String, Bundle> byScope = new LinkedHashMap<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException("registry snapshot: every bundle must be a mapping, got " + o);
      }
      Map<String, Object> m = (Map<String, Object>) raw;
      String where = "registry snapshot bundle " + m.get("mode") + "|" + m.get("bundle_slot");
      unknown(m.keySet(), FIELDS, where);
      String bundleId = text(m, "bundle_id", where);
      if (!bundleId.matches("^[a-f0-9]{64}$")) {
        throw new IllegalArgumentException(where + ": bundle_id must be 64 lowercase hex characters");
      }
      Map<String, String> groups = new LinkedHashMap<>();
      if (!(m.get("required_feature_groups") instanceof Map<?, ?> g)) {
        throw new IllegalArgumentException(where + ": required_feature_groups must be a mapping name: version");
      }
      g.forEach((k, v) -> groups.put(String.valueOf(k), String.valueOf(v)));
      Bundle b = new Bundle(bundleId, text(m, "bundle_version", where), text(m, "registry_ref", where),
          text(m, "registry_event_id", where), Map.copyOf(groups), flag(m, "require_ieg", where),
          flag(m, "require_model_primary", where), flag(m, "require_model_stage2", where),
          flag(m, "require_fallback_heuristics", where), text(m, "required_action_posture", where));
      String scope = text(m, "mode", where) + "|" + text(m, "bundle_slot", where);
      if (byScope.put(scope, b) != null) {
        throw new IllegalArgumentException("registry snapshot: two bundles for scope " + scope);
      }
    }
    return new RegistrySnapshot(policyId, revision, Hashing.canonicalHash(doc), Map.copyOf(byScope));
  }

  static void unknown(Set<String> keys, Set<String> allowed, String where) {
    for (String k : keys) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "' (allowed: " + new java.util.TreeSet<>(
            allowed) + ")");
      }
    }
  }

  static String text(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " is required (a string)");
    }
    return s;
  }

  private static boolean flag(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException(where + ": " + key + " is required (true or false)");
    }
    return b;
  }
}
