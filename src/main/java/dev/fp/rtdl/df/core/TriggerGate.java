package dev.fp.rtdl.df.core;

import dev.fp.platform.stream.core.StreamRecord;

import java.util.List;
import java.util.Set;

/**
 * DF's inlet (reference rtdl §6 trigger policy, invariants (b)8): only admitted traffic of the allowlisted event types
 * triggers a decision; the rtdl and governance families never do (loop prevention). Pure.
 */
public final class TriggerGate {
  public static final Set<String> ALLOWED = Set.of("s3_event_stream_with_fraud_6B", "s2_event_stream_baseline_6B");
  static final Set<String> BLOCKED = Set.of("decision_response", "action_intent", "action_outcome", "degrade_posture");
  static final List<String> BLOCKED_PREFIXES = List.of("ig.", "al.", "df.");
  public static final List<String> PINS = List.of("platform_run_id", "scenario_run_id", "manifest_fingerprint",
      "parameter_hash", "scenario_id", "seed");

  private TriggerGate() {
  }

  /** Null when {@code r} triggers a decision, else the reason code it does not. */
  public static String refusal(StreamRecord r) {
    String type = r.eventType();
    if (type == null || r.eventId() == null || r.eventId().isEmpty()) {
      return "INVALID_ENVELOPE";
    }
    if (BLOCKED.contains(type) || BLOCKED_PREFIXES.stream().anyMatch(type::startsWith)) {
      return "LOOP_PREVENTION";
    }
    if (!ALLOWED.contains(type)) {
      return "EVENT_TYPE_NOT_ALLOWED";
    }
    if (!"v1".equals(r.envelope().getOrDefault("schema_version", "v1"))) {
      return "SCHEMA_VERSION_NOT_ALLOWED";
    }
    for (String pin : PINS) {
      Object v = r.envelope().get(pin);
      if (v == null || String.valueOf(v).isEmpty()) {
        return "REQUIRED_PIN_MISSING:" + pin;
      }
    }
    if (r.tsUtc() == null || !r.tsUtc().matches(dev.fp.contract.Timestamps.PATTERN)) {
      return "INVALID_ENVELOPE";
    }
    return null;
  }

  /** {@code fraud} or {@code baseline}: the registry scope's mode (reference: baseline when the type says so). */
  public static String mode(StreamRecord r) {
    return r.eventType().contains("baseline") ? "baseline" : "fraud";
  }
}
