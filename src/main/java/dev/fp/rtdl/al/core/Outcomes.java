package dev.fp.rtdl.al.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome identity, payload and envelope (reference rtdl §7). Every field is a function of the intent and the policy —
 * {@code completed_at_utc} is the request time plus the simulated execution time, never the wall clock — so a replayed
 * intent yields the byte-identical outcome and IG answers DUPLICATE.
 */
public final class Outcomes {
  public static final String EVENT_TYPE = "action_outcome";
  public static final String PRODUCER = "action_layer";

  /** A built outcome: its id, status and the envelope to publish. */
  public record Outcome(String outcomeId, String status, String reason, Map<String, Object> envelope) {
  }

  private Outcomes() {
  }

  /** {@code sha256(canonical{platform_run_id, scenario_run_id, idempotency_key})}: one effect per key per run. */
  public static String semanticKey(ActionIntent i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform_run_id", i.platformRunId());
    m.put("scenario_run_id", i.scenarioRunId());
    m.put("idempotency_key", i.idempotencyKey());
    return Hashing.canonicalHash(m);
  }

  /** The intent's payload hash (reference §7 step 3): a different intent under the same key is a mismatch. */
  public static String intentHash(ActionIntent i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action_id", i.actionId());
    m.put("decision_id", i.decisionId());
    m.put("action_kind", i.actionKind());
    m.put("idempotency_key", i.idempotencyKey());
    m.put("actor_principal", i.actorPrincipal());
    m.put("origin", i.origin());
    m.put("policy_rev", i.policyRev());
    m.put("run_config_digest", i.runConfigDigest());
    m.put("pins", i.pins());
    m.put("action_payload", i.actionPayload());
    return Hashing.canonicalHash(m);
  }

  public static Outcome executed(ActionIntent i, AlPolicy policy, SimulatedExecutor.Result r) {
    String status = switch (r.terminalState()) {
      case "COMMITTED" -> "EXECUTED";
      case "DECLINED" -> "DENIED";
      default -> "FAILED";
    };
    Map<String, Object> idParts = new LinkedHashMap<>();
    idParts.put("decision_id", i.decisionId());
    idParts.put("action_id", i.actionId());
    idParts.put("idempotency_key", i.idempotencyKey());
    idParts.put("terminal_state", r.terminalState());
    idParts.put("reason_code", r.reasonCode());
    idParts.put("final_attempt_seq", r.attempts().size());
    String outcomeId = Hashing.canonicalHash(idParts).substring(0, 32);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("terminal_state", r.terminalState());
    body.put("reason_code", r.reasonCode());
    body.put("final_provider_code", r.providerCode());
    body.put("final_provider_ref", r.providerRef());
    body.put("attempts", r.attempts());
    body.put("governance", governance(i, policy));
    String completed = Timestamps.format(Timestamps.parse(i.requestedAtUtc()).plusMillis(r.elapsedMs()));
    return outcome(i, policy, outcomeId, status, r.reasonCode(), r.attempts().size(), completed, body);
  }

  public static Outcome denied(ActionIntent i, AlPolicy policy, List<String> reasons) {
    String reason = String.join(",", reasons);
    Map<String, Object> idParts = new LinkedHashMap<>();
    idParts.put("decision_id", i.decisionId());
    idParts.put("action_id", i.actionId());
    idParts.put("idempotency_key", i.idempotencyKey());
    idParts.put("status", "DENIED");
    idParts.put("authz_policy_rev", policy.policyRev());
    idParts.put("reason", reason);
    String outcomeId = Hashing.canonicalHash(idParts).substring(0, 32);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("terminal_state", "DENIED");
    body.put("governance", governance(i, policy));
    return outcome(i, policy, outcomeId, "DENIED", reason, 0, i.requestedAtUtc(), body);
  }

  private static Map<String, Object> governance(ActionIntent i, AlPolicy policy) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("policy_rev", policy.policyRev());
    g.put("execution_profile_ref", "policy://" + policy.policyId() + "@" + policy.revision() + "#mode="
        + policy.postureMode());
    g.put("actor_principal", i.actorPrincipal());
    g.put("origin", i.origin());
    return g;
  }

  private static Outcome outcome(ActionIntent i, AlPolicy policy, String outcomeId, String status, String reason,
                                 int attemptSeq, String completedAt, Map<String, Object> body) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("outcome_id", outcomeId);
    p.put("decision_id", i.decisionId());
    p.put("action_id", i.actionId());
    p.put("action_kind", i.actionKind());
    p.put("status", status);
    p.put("idempotency_key", i.idempotencyKey());
    p.put("actor_principal", i.actorPrincipal());
    p.put("origin", i.origin());
    p.put("authz_policy_rev", policy.policyRev());
    p.put("run_config_digest", i.runConfigDigest());
    p.put("pins", i.pins());
    p.put("completed_at_utc", completedAt);
    p.put("attempt_seq", attemptSeq);
    p.put("reason", reason);
    p.put("outcome_payload", body);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", outcomeId);
    e.put("event_type", EVENT_TYPE);
    e.put("schema_version", "v1");
    e.put("ts_utc", completedAt);
    for (String pin : ActionIntent.PINS) {
      Object v = i.pins().get(pin);
      e.put(pin, pin.equals("seed") ? seed(v) : v);
    }
    e.put("parent_event_id", i.decisionId());
    e.put("producer", PRODUCER);
    e.put("payload", p);
    return new Outcome(outcomeId, status, reason, e);
  }

  private static Object seed(Object v) {
    if (v instanceof Number) {
      return v;
    }
    try {
      return new java.math.BigInteger(String.valueOf(v));
    } catch (NumberFormatException e) {
      return v;               // IG's envelope check names it
    }
  }

  /** The hash of an outcome envelope (what the outcome table keeps to spot a changed re-derivation). */
  public static String envelopeHash(Map<String, Object> envelope) {
    return Hashing.sha256Hex(CanonicalJson.write(envelope));
  }

  static Instant parse(String wire) {
    return Timestamps.parse(wire);
  }
}
