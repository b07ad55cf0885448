package dev.fp.ingress.ig.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code schema_policy_v0.yaml}: per event type, whether {@code schema_version} is required, which versions are
 * allowed (empty = any) and the payload JSON Schema it must satisfy. A type without an entry is quarantined
 * ({@code default_action: quarantine}, SCHEMA_POLICY_MISSING).
 */
public record SchemaPolicy(String policyId, String defaultAction, Map<String, Rule> rules) {

  /** The admission rule of one event type; {@code payloadSchemaRef} is a classpath resource path. */
  public record Rule(boolean schemaVersionRequired, List<String> allowedSchemaVersions, String payloadSchemaRef) {
    public Rule {
      allowedSchemaVersions = List.copyOf(allowedSchemaVersions);
    }
  }

  public SchemaPolicy {
    rules = Map.copyOf(rules);
    if (!"quarantine".equals(defaultAction)) {
      throw new PolicyException("schema policy: default_action must be quarantine, got " + defaultAction);
    }
  }

  public static SchemaPolicy from(PolicyDoc doc) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    doc.sections("event_types").forEach((type, r) -> rules.put(type, new Rule(r.bool("schema_version_required", false),
        r.stringList("allowed_schema_versions"), r.string("payload_schema_ref"))));
    return new SchemaPolicy(doc.string("policy_id"), doc.optString("default_action", "quarantine"), rules);
  }

  public Optional<Rule> rule(String eventType) {
    return Optional.ofNullable(rules.get(eventType));
  }
}
