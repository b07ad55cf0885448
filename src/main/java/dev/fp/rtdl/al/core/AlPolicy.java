package dev.fp.rtdl.al.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.PolicyRev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Action Layer's policy ({@code al.authz.v0}, reference rtdl §7): execution posture, retries, allowed origins,
 * action kinds and actor principals, and the simulated executor of each action kind. Parsed strictly.
 */
public record AlPolicy(String policyId, String revision, String contentDigest, String postureMode,
                       boolean allowExecution, int maxAttempts, long baseBackoffMs, long maxBackoffMs,
                       List<String> allowedOrigins, List<String> allowedActionKinds,
                       Map<String, List<String>> actorPrefixes, Map<String, Executor> executors) {

  /**
   * A simulated executor: the probability of each non-committed result per attempt, and the latency of an attempt
   * (it moves {@code completed_at_utc} forward from the intent's request time, deterministically).
   */
  public record Executor(double declineRate, double permanentFailureRate, double unknownCommitRate,
                         double retryableFailureRate, long latencyMs) {
  }

  public AlPolicy {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedActionKinds = List.copyOf(allowedActionKinds);
    actorPrefixes = Map.copyOf(actorPrefixes);
    executors = Map.copyOf(executors);
  }

  /** {@code {policy_id, revision, content_digest}} as outcomes carry it ({@code authz_policy_rev}). */
  public Map<String, Object> policyRev() {
    return new PolicyRev(policyId, revision, contentDigest).toJson();
  }

  public Executor executor(String actionKind) {
    return executors.getOrDefault(actionKind, executors.get("default"));
  }

  /** Delay before attempt {@code n+1} after attempt {@code n} failed: base × 2^(n−1), capped. */
  public long backoffMs(int attempt) {
    return Math.min(maxBackoffMs, baseBackoffMs << Math.min(30, attempt - 1));
  }

  @SuppressWarnings("unchecked")
  public static AlPolicy parse(Map<String, Object> doc) {
    Map<String, Object> posture = map(doc, "execution_posture");
    Map<String, Object> retry = map(doc, "retry");
    Map<String, List<String>> prefixes = new LinkedHashMap<>();
    map(doc, "actor_principal_prefixes").forEach((origin, v) -> prefixes.put(origin, strings(v,
        "actor_principal_prefixes." + origin)));
    Map<String, Executor> executors = new LinkedHashMap<>();
    map(doc, "executors").forEach((kind, v) -> {
      if (!(v instanceof Map<?, ?> e)) {
        throw new IllegalArgumentException("executors." + kind + " must be a mapping");
      }
      Map<String, Object> m = (Map<String, Object>) e;
      String where = "executors." + kind;
      Executor ex = new Executor(rate(m, "decline_rate", where), rate(m, "permanent_failure_rate", where),
          rate(m, "unknown_commit_rate", where), rate(m, "retryable_failure_rate", where),
          (long) number(m, "latency_ms", where, 0, 3_600_000));
      if (ex.declineRate() + ex.permanentFailureRate() + ex.unknownCommitRate() + ex.retryableFailureRate() > 1.0) {
        throw new IllegalArgumentException(where + ": the rates add up to more than 1");
      }
      executors.put(kind, ex);
    });
    if (!executors.containsKey("default")) {
      throw new IllegalArgumentException("executors.default is required");
    }
    if (!(posture.get("allow_execution") instanceof Boolean allow)) {
      throw new IllegalArgumentException("execution_posture.allow_execution must be true or false");
    }
    return new AlPolicy(text(doc, "policy_id"), text(doc, "revision"), Hashing.canonicalHash(doc),
        text(posture, "mode"), allow, (int) number(retry, "max_attempts", "retry", 1, 20),
        (long) number(retry, "base_backoff_ms", "retry", 0, 60_000),
        (long) number(retry, "max_backoff_ms", "retry", 0, 600_000),
        strings(doc.get("allowed_origins"), "allowed_origins"),
        strings(doc.get("allowed_action_kinds"), "allowed_action_kinds"), prefixes, executors);
  }

  private static String text(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(key + " must be a non-empty string");
    }
    return s;
  }

  private static double number(Map<String, Object> m, String key, String where, double min, double max) {
    if (!(m.get(key) instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new IllegalArgumentException(where + "." + key + " must be a number in [" + min + ", " + max + "]");
    }
    return n.doubleValue();
  }

  private static double rate(Map<String, Object> m, String key, String where) {
    return number(m, key, where, 0, 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Map<?, ?> v)) {
      throw new IllegalArgumentException(key + " must be a mapping");
    }
    return (Map<String, Object>) v;
  }

  private static List<String> strings(Object v, String where) {
    if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String)) {
      throw new IllegalArgumentException(where + " must be a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }
}
