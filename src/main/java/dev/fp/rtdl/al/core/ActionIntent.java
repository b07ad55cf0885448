package dev.fp.rtdl.al.core;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code action_intent} payload (reference rtdl §6–7, {@code action_intent.schema.json}), checked field by field:
 * hex32 action and decision ids, hex64 run_config_digest, the six pins with hex64 manifest_fingerprint and
 * parameter_hash, a wire timestamp.
 */
public record ActionIntent(String actionId, String decisionId, String actionKind, String idempotencyKey,
                           Map<String, Object> pins, String requestedAtUtc, String actorPrincipal, String origin,
                           Object policyRev, String runConfigDigest, Object actionPayload) {
  static final Pattern HEX32 = Pattern.compile("^[a-f0-9]{32}$");
  static final Pattern HEX64 = Pattern.compile("^[a-f0-9]{64}$");
  static final Pattern WIRE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$");
  public static final List<String> PINS = List.of("manifest_fingerprint", "parameter_hash", "seed", "scenario_id",
      "platform_run_id", "scenario_run_id");

  /** The intent, or the reason it is not one. */
  public record Parsed(ActionIntent intent, String problem) {
  }

  @SuppressWarnings("unchecked")
  public static Parsed parse(Map<String, Object> p) {
    String problem = matches(p, "action_id", HEX32);
    problem = problem != null ? problem : matches(p, "decision_id", HEX32);
    problem = problem != null ? problem : nonEmpty(p, "action_kind");
    problem = problem != null ? problem : nonEmpty(p, "idempotency_key");
    problem = problem != null ? problem : matches(p, "requested_at_utc", WIRE_TIME);
    problem = problem != null ? problem : nonEmpty(p, "actor_principal");
    problem = problem != null ? problem : nonEmpty(p, "origin");
    problem = problem != null ? problem : matches(p, "run_config_digest", HEX64);
    if (problem == null && !(p.get("pins") instanceof Map<?, ?>)) {
      problem = "pins: missing";
    }
    if (problem == null) {
      Map<String, Object> pins = (Map<String, Object>) p.get("pins");
      for (String pin : PINS) {
        if (pins.get(pin) == null || String.valueOf(pins.get(pin)).isEmpty()) {
          problem = "pins." + pin + ": missing";
          break;
        }
      }
      problem = problem != null ? problem : matches(pins, "manifest_fingerprint", HEX64);
      problem = problem != null ? problem : matches(pins, "parameter_hash", HEX64);
    }
    if (problem != null) {
      return new Parsed(null, problem);
    }
    return new Parsed(new ActionIntent((String) p.get("action_id"), (String) p.get("decision_id"),
        (String) p.get("action_kind"), (String) p.get("idempotency_key"), (Map<String, Object>) p.get("pins"),
        (String) p.get("requested_at_utc"), (String) p.get("actor_principal"), (String) p.get("origin"),
        p.get("policy_rev"), (String) p.get("run_config_digest"), p.get("action_payload")), null);
  }

  public String platformRunId() {
    return String.valueOf(pins.get("platform_run_id"));
  }

  public String scenarioRunId() {
    return String.valueOf(pins.get("scenario_run_id"));
  }

  private static String matches(Map<String, Object> m, String key, Pattern pattern) {
    Object v = m.get(key);
    return v instanceof String s && pattern.matcher(s).matches() ? null : key + ": expected " + pattern.pattern()
        + ", got " + (v == null ? "nothing" : v.getClass().getSimpleName().equals("String") ? "'" + v + "'"
        : v.getClass().getSimpleName());
  }

  private static String nonEmpty(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s && !s.isEmpty() ? null : key + ": missing or not a string";
  }
}
