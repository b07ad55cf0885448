package dev.fp.rtdl.dl.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.PolicyRev;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The degrade-ladder policy (reference rtdl §5, {@code dl.policy.v0}): the mode sequence, each mode's capabilities,
 * the signals that must be OK (required) and those that only degrade (optional), how old a sample may be, and the
 * hysteresis (downshift at once, upshift after a quiet period). Parsed strictly: anything else fails bootstrap.
 *
 * @param contentDigest sha256 of the canonical policy document, carried by every posture
 */
public record LadderPolicy(String policyId, String revision, String contentDigest, Map<Mode, Capabilities> modes,
                           List<String> requiredSignals, List<String> optionalSignals, long requiredMaxAgeSeconds,
                           long upshiftQuietPeriodSeconds, long bootstrapGraceSeconds) {
  public LadderPolicy {
    modes = Map.copyOf(modes);
    requiredSignals = List.copyOf(requiredSignals);
    optionalSignals = List.copyOf(optionalSignals);
  }

  public Capabilities capabilities(Mode mode) {
    return modes.get(mode);
  }

  /** {@code {policy_id, revision, content_digest}} as postures carry it. */
  public Map<String, Object> policyRev() {
    return new PolicyRev(policyId, revision, contentDigest).toJson();
  }

  /**
   * Parses the policy document; throws {@link IllegalArgumentException} naming the field when it is not exactly the
   * ladder (mode sequence other than NORMAL, DEGRADED_1, DEGRADED_2, FAIL_CLOSED; {@code downshift_immediate: false};
   * a mode without capabilities; a signal both required and optional).
   */
  public static LadderPolicy parse(Map<String, Object> doc) {
    List<String> sequence = strings(doc, "mode_sequence");
    List<String> expected = new ArrayList<>();
    for (Mode m : Mode.values()) {
      expected.add(m.name());
    }
    if (!sequence.equals(expected)) {
      throw new IllegalArgumentException("mode_sequence must be exactly " + expected + ", found " + sequence);
    }
    if (!Boolean.TRUE.equals(doc.get("downshift_immediate"))) {
      throw new IllegalArgumentException("downshift_immediate must be true (a degraded signal is never ignored)");
    }
    Map<String, Object> modeDocs = map(doc, "modes");
    Map<Mode, Capabilities> modes = new EnumMap<>(Mode.class);
    for (Mode m : Mode.values()) {
      if (!(modeDocs.get(m.name()) instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException("modes." + m.name() + " is missing");
      }
      @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) raw;
      String where = "modes." + m.name();
      String posture = string(c, "action_posture", where);
      if (!posture.equals("NORMAL") && !posture.equals("STEP_UP_ONLY")) {
        throw new IllegalArgumentException(where + ".action_posture must be NORMAL or STEP_UP_ONLY, found " + posture);
      }
      modes.put(m, new Capabilities(bool(c, "allow_ieg", where), strings(c, "allowed_feature_groups"),
          bool(c, "allow_model_primary", where), bool(c, "allow_model_stage2", where),
          bool(c, "allow_fallback_heuristics", where), posture));
    }
    List<String> required = strings(doc, "required_signals");
    List<String> optional = strings(doc, "optional_signals");
    for (String s : optional) {
      if (required.contains(s)) {
        throw new IllegalArgumentException("signal " + s + " is both required and optional");
      }
    }
    if (required.isEmpty()) {
      throw new IllegalArgumentException("required_signals must name at least one signal");
    }
    long maxAge = positive(doc, "required_max_age_seconds");
    long grace = doc.containsKey("bootstrap_grace_seconds") ? positive(doc, "bootstrap_grace_seconds")
        : Math.max(30, Math.min(90, maxAge));
    return new LadderPolicy(string(doc, "policy_id", "policy"), string(doc, "revision", "policy"),
        Hashing.canonicalHash(doc), modes, required, optional, maxAge, positive(doc, "upshift_quiet_period_seconds"),
        grace);
  }

  private static String string(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(where + "." + key + " must be a non-empty string");
    }
    return s;
  }

  private static boolean bool(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException(where + "." + key + " must be true or false");
    }
    return b;
  }

  private static long positive(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Number n) || n.longValue() <= 0) {
      throw new IllegalArgumentException(key + " must be a positive number of seconds");
    }
    return n.longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Map<?, ?> v)) {
      throw new IllegalArgumentException(key + " must be a mapping");
    }
    return (Map<String, Object>) v;
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String)) {
      throw new IllegalArgumentException(key + " must be a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }
}
