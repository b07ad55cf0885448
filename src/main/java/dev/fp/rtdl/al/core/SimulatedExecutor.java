package dev.fp.rtdl.al.core;

import dev.fp.contract.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an allowed intent against the simulated provider of its action kind, with the policy's retries. Each
 * attempt's result is drawn from {@code sha256(semantic_key:attempt)}, so the same intent always ends the same way —
 * a replay cannot fork an outcome.
 */
public final class SimulatedExecutor {
  /** The terminal result: its state and reason, the final provider code and ref, the attempts, the time it took. */
  public record Result(String terminalState, String reasonCode, String providerCode, String providerRef,
                       List<Map<String, Object>> attempts, long elapsedMs) {
  }

  private SimulatedExecutor() {
  }

  public static Result run(AlPolicy policy, String actionKind, String semanticKey) {
    AlPolicy.Executor ex = policy.executor(actionKind);
    List<Map<String, Object>> attempts = new ArrayList<>();
    long elapsed = 0;
    String ref = "sim:" + actionKind.toLowerCase() + ":" + semanticKey.substring(0, 16);
    for (int n = 1; ; n++) {
      double u = draw(semanticKey, n);
      elapsed += ex.latencyMs();
      String state;
      String code;
      double t = ex.declineRate();
      if (u < t) {
        state = "DECLINED";
        code = "SIM_DECLINED";
      } else if (u < (t += ex.permanentFailureRate())) {
        state = "PERMANENT_ERROR";
        code = "SIM_PERMANENT";
      } else if (u < (t += ex.unknownCommitRate())) {
        state = "UNKNOWN_COMMIT";
        code = "SIM_TIMEOUT_AFTER_SEND";
      } else if (u < t + ex.retryableFailureRate()) {
        state = "RETRYABLE_ERROR";
        code = "SIM_UNAVAILABLE";
      } else {
        state = "COMMITTED";
        code = "SIM_COMMITTED";
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("attempt_seq", n);
      a.put("state", state);
      a.put("provider_code", code);
      a.put("message", state.toLowerCase());
      if (state.equals("COMMITTED")) {
        a.put("provider_ref", ref);
      }
      attempts.add(a);
      switch (state) {
        case "COMMITTED":
          return new Result("COMMITTED", "EXECUTED", code, ref, attempts, elapsed);
        case "DECLINED":
          return new Result("DECLINED", "PROVIDER_DECLINED:" + code, code, null, attempts, elapsed);
        case "PERMANENT_ERROR":
          return new Result("PERMANENT_ERROR", "PERMANENT_ERROR:" + code, code, null, attempts, elapsed);
        case "UNKNOWN_COMMIT":
          return new Result("UNKNOWN_COMMIT", "UNCERTAIN_COMMIT", code, null, attempts, elapsed);
        default:
          if (n >= policy.maxAttempts()) {
            return new Result("RETRY_EXHAUSTED", "RETRY_EXHAUSTED:" + code, code, null, attempts, elapsed);
          }
          elapsed += policy.backoffMs(n);
      }
    }
  }

  /** A uniform draw in [0, 1) from the first 53 bits of {@code sha256(semanticKey:attempt)}. */
  static double draw(String semanticKey, int attempt) {
    byte[] h = Hashing.sha256((semanticKey + ":" + attempt).getBytes(StandardCharsets.US_ASCII));
    return (ByteBuffer.wrap(h).getLong() >>> 11) * 0x1.0p-53;
  }
}
