package dev.fp.ingress.ig.core;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.PolicyRev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every IG receipt and quarantine record carries besides the event: policy revision, run_config_digest, release
 * and environment provenance, and the event's pins (nulls pruned).
 */
public record Stamp(PolicyRev rev, String serviceReleaseId, String environment) {
  private static final List<String> PINS = List.of(EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PLATFORM_RUN_ID,
      EnvelopeFields.SCENARIO_RUN_ID, EnvelopeFields.PARAMETER_HASH, EnvelopeFields.SEED, EnvelopeFields.SCENARIO_ID,
      EnvelopeFields.RUN_ID);

  void apply(Map<String, Object> out, Actor actor) {
    out.put("run_config_digest", rev.contentDigest());
    out.put("policy_rev", rev.toJson());
    out.put("actor", actor.toJson());
    out.put("service_release_id", serviceReleaseId);
    out.put("environment", environment);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("service_release_id", serviceReleaseId);
    provenance.put("environment", environment);
    provenance.put("config_revision", rev.revision());
    provenance.put("run_config_digest", rev.contentDigest());
    out.put("provenance", provenance);
  }

  static Map<String, Object> pins(Map<String, ?> envelope) {
    Map<String, Object> pins = new LinkedHashMap<>();
    for (String pin : PINS) {
      Object v = envelope.get(pin);
      if (v != null) {
        pins.put(pin, v);
      }
    }
    return pins;
  }
}
