package dev.fp.rtdl.df.core;

import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DF's deterministic identities (reference rtdl §6.7, invariants (b)5), H(r, p) = sha256(canonical {recipe, payload}).
 * Nothing here reads a clock.
 */
public final class DecisionIds {
  public static final String DECISION_SCOPE = "fraud.primary";
  public static final String ZERO64 = "0".repeat(64);

  private DecisionIds() {
  }

  /** {@code bundle_ref} normalised for the id: a fail-closed decision (no bundle) gets the zero bundle. */
  public static Map<String, Object> idBundle(Map<String, Object> bundleRef) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (bundleRef == null) {
      b.put("bundle_id", ZERO64);
      b.put("bundle_version", "fail_closed");
      b.put("registry_ref", "registry://fail_closed");
      return b;
    }
    String id = String.valueOf(bundleRef.get("bundle_id"));
    if (!id.matches("^[a-f0-9]{64}$")) {
      Map<String, Object> legacy = new LinkedHashMap<>();
      legacy.put("legacy_bundle_id", id);
      legacy.put("bundle_version", bundleRef.get("bundle_version"));
      legacy.put("registry_ref", bundleRef.get("registry_ref"));
      id = Hashing.canonicalHash(legacy);
    }
    b.put("bundle_id", id);
    b.put("bundle_version", bundleRef.get("bundle_version"));
    b.put("registry_ref", bundleRef.get("registry_ref"));
    return b;
  }

  /** {@code H("df.decision_id.v2", {source_event_id, platform_run_id, decision_scope, bundle_ref, origin_offset})[:32]}. */
  public static String decisionId(String sourceEventId, String platformRunId, Map<String, Object> bundleRef,
                                  Map<String, Object> originOffset) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("source_event_id", sourceEventId);
    p.put("platform_run_id", platformRunId);
    p.put("decision_scope", DECISION_SCOPE);
    p.put("bundle_ref", idBundle(bundleRef));
    p.put("origin_offset", originOffset);
    return Hashing.recipeId("df.decision_id.v2", p);
  }

  /** {@code H("df.decision_response.event_id.v1", {source_event_id, decision_scope, pin_scope})}. */
  public static String decisionEventId(String sourceEventId, Map<String, String> pinScope) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("source_event_id", sourceEventId);
    p.put("decision_scope", DECISION_SCOPE);
    p.put("pin_scope", pinScope);
    return Hashing.recipeHash("df.decision_response.event_id.v1", p);
  }

  /** {@code H("df.action_intent.event_id.v1", {source_event_id, action_domain, pin_scope})}. */
  public static String intentEventId(String sourceEventId, String actionKind, Map<String, String> pinScope) {
    return Hashing.recipeHash("df.action_intent.event_id.v1", intentBasis(sourceEventId, actionKind, pinScope));
  }

  /** {@code H("df.action_intent.idempotency_key.v1", {source_event_id, action_domain, pin_scope})}. */
  public static String idempotencyKey(String sourceEventId, String actionKind, Map<String, String> pinScope) {
    return Hashing.recipeHash("df.action_intent.idempotency_key.v1", intentBasis(sourceEventId, actionKind, pinScope));
  }

  /** {@code sha256("{decision_id}:{action_kind}")[:32]}. */
  public static String actionId(String decisionId, String actionKind) {
    return Hashing.sha256Hex(decisionId + ":" + actionKind).substring(0, 32);
  }

  private static Map<String, Object> intentBasis(String sourceEventId, String actionKind, Map<String, String> pins) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("source_event_id", sourceEventId);
    p.put("action_domain", actionKind.toLowerCase(java.util.Locale.ROOT));
    p.put("pin_scope", pins);
    return p;
  }
}
