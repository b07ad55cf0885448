package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The identity of a world as the runtime sees it: {@code {manifest_fingerprint, parameter_hash, scenario_id, seed}}
 * from the engine's {@code run_receipt.json} plus the scenario, and the engine {@code run_id}.
 */
public record WorldKey(String manifestFingerprint, String parameterHash, String scenarioId, long seed, String runId) {
  private static final String HEX64 = "[0-9a-f]{64}";
  private static final String HEX32 = "[0-9a-f]{32}";

  /**
   * Reads the receipt's pins; {@code WORLD_KEY_MISSING} when it is not JSON or lacks a valid run_id (hex32),
   * manifest_fingerprint / parameter_hash (hex64) or seed (non-negative integer); {@code SCENARIO_ID_MISSING} when
   * the scenario is blank.
   */
  public static WorldKey fromReceipt(byte[] receipt, String scenarioId, String where) {
    Map<String, Object> r = JsonDoc.parse(receipt).orElseThrow(() -> missing(where, "not a JSON object"));
    String mf = text(r, "manifest_fingerprint", HEX64, where);
    String ph = text(r, "parameter_hash", HEX64, where);
    String runId = text(r, "run_id", HEX32, where);
    if (!(r.get("seed") instanceof Number n) || n.longValue() < 0) {
      throw missing(where, "seed must be a non-negative integer");
    }
    if (scenarioId == null || scenarioId.isBlank()) {
      throw OracleException.input("SCENARIO_ID_MISSING", "no --scenario-id given", "pass --scenario-id");
    }
    return new WorldKey(mf, ph, scenarioId, n.longValue(), runId);
  }

  private static String text(Map<String, Object> r, String key, String pattern, String where) {
    return Optional.ofNullable(r.get(key)).map(Object::toString).filter(v -> v.matches(pattern))
        .orElseThrow(() -> missing(where, key + " missing or not " + pattern));
  }

  private static OracleException missing(String where, String what) {
    return OracleException.input("WORLD_KEY_MISSING", where + ": " + what,
        "point --engine-run-root at an engine run root holding a valid run_receipt.json");
  }

  /** The manifest form {@code {manifest_fingerprint, parameter_hash, scenario_id, seed}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("manifest_fingerprint", manifestFingerprint);
    m.put("parameter_hash", parameterHash);
    m.put("scenario_id", scenarioId);
    m.put("seed", seed);
    return m;
  }

  /** Renders a catalogue path template; {@code TEMPLATE_TOKEN_MISSING} names a token it cannot fill. */
  public String render(String template) {
    String out = template.replace("{seed}", Long.toString(seed))
        .replace("{parameter_hash}", parameterHash)
        .replace("{manifest_fingerprint}", manifestFingerprint)
        .replace("{scenario_id}", scenarioId)
        .replace("{run_id}", runId);
    int open = out.indexOf('{');
    if (open >= 0) {
      throw OracleException.input("TEMPLATE_TOKEN_MISSING", "template " + template + " has unknown token "
          + out.substring(open, out.indexOf('}', open) + 1), "fix the catalogue");
    }
    return out;
  }
}
