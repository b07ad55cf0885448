package dev.fp.caselabels.ct.core;

import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Hashing;
import dev.fp.contract.PolicyRev;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Case Trigger policy ({@code case_trigger.policy.v0}, case_ops_obs §1.1): per trigger type the source classes
 * allowed to raise it and the evidence ref types it must carry, the required pins, and this build's escalation rule
 * (action kinds that always escalate, plus a deterministic review sample of the other decisions) and the outcome
 * statuses that raise ACTION_FAILURE. Parsed strictly; lists de-duplicated and sorted as the reference's loader does.
 *
 * <p>The review sample scales with the run: its rate is {@code min(review_sample_rate, review_sample_max_per_output /
 * cap)} for the run's cap per output ({@link #forCap}), so a bounded gate keeps the full rate and full cap draws a few
 * hundred reviews per output instead of a quarter of its traffic. The cap is pinned with the run (a resume keeps it),
 * so the sample is the same on every replay and restart of the run.
 *
 * @param reviewSampleMaxPerOutput the expected sampled reviews per traffic output at most ({@link Long#MAX_VALUE}: the
 *                                 rate is not scaled)
 * @param capPerOutput             the run's cap per output the rate is scaled for (0: not scaled)
 */
public record TriggerPolicy(String version, String policyId, String revision, String contentDigest, String eventClass,
                            boolean requireSeed, List<String> requiredPins, Map<String, Rule> rules,
                            Set<String> escalateActionKinds, double reviewSampleRate, long reviewSampleMaxPerOutput,
                            long capPerOutput, Set<String> failureStatuses) {
  public static final String DF_DECISION = "DF_DECISION";
  public static final String AL_OUTCOME = "AL_OUTCOME";
  private static final Set<String> SOURCE_CLASSES =
      Set.of(DF_DECISION, AL_OUTCOME, "DLA_AUDIT", "EXTERNAL_SIGNAL", "MANUAL_ASSERTION");
  /** Draws are the first 13 hex digits of a sha256: 52 bits, exact in a double. */
  private static final double DRAW_SCALE = 0x1p52;

  /** One trigger type's rule. */
  public record Rule(List<String> sourceClasses, List<String> requiredRefTypes) {
  }

  public TriggerPolicy {
    requiredPins = List.copyOf(requiredPins);
    rules = Map.copyOf(rules);
    escalateActionKinds = Set.copyOf(escalateActionKinds);
    failureStatuses = Set.copyOf(failureStatuses);
  }

  /** {@code {policy_id, revision, content_digest}}, as metrics and reconciliation carry it. */
  public Map<String, Object> policyRev() {
    return new PolicyRev(policyId, revision, contentDigest).toJson();
  }

  /** This policy for a run of {@code capPerOutput} events per output: the review sample rate scaled to it. */
  public TriggerPolicy forCap(long capPerOutput) {
    return new TriggerPolicy(version, policyId, revision, contentDigest, eventClass, requireSeed, requiredPins, rules,
        escalateActionKinds, reviewSampleRate, reviewSampleMaxPerOutput, capPerOutput, failureStatuses);
  }

  /** The review sample rate this run draws with: {@code min(review_sample_rate, review_sample_max_per_output / cap)}. */
  public double runReviewSampleRate() {
    return capPerOutput <= 0 ? reviewSampleRate
        : Math.min(reviewSampleRate, (double) reviewSampleMaxPerOutput / capPerOutput);
  }

  /** Why a decision escalates ({@code ACTION_KIND} or {@code REVIEW_SAMPLE}), or null when it does not. */
  public String escalation(String actionKind, String sourceEventId) {
    if (escalateActionKinds.contains(actionKind)) {
      return "ACTION_KIND";
    }
    return reviewDraw(sourceEventId) < runReviewSampleRate() ? "REVIEW_SAMPLE" : null;
  }

  /**
   * The decided event's draw in [0, 1): sha256 of {@code ct.review_sample.v1:<source event id>}. Keyed on the event,
   * not on the decision id (which holds the platform run id), so a world gets the same sample in every run and on every
   * replay: a bounded gate over a fixed world always has the same cases.
   */
  public static double reviewDraw(String sourceEventId) {
    String hex = Hashing.sha256Hex("ct.review_sample.v1:" + sourceEventId);
    return Long.parseLong(hex.substring(0, 13), 16) / DRAW_SCALE;
  }

  /**
   * The policy's verdict on a built trigger (validation order of the reference: taxonomy, then policy): null when
   * allowed, else the reason code.
   */
  public String refusal(Map<String, Object> trigger, String sourceClass) {
    Rule rule = rules.get((String) trigger.get("trigger_type"));
    if (rule == null || !rule.sourceClasses().contains(sourceClass)) {
      return "SOURCE_CLASS_NOT_ALLOWED:" + sourceClass;
    }
    Set<String> present = new TreeSet<>();
    if (trigger.get("evidence_refs") instanceof List<?> refs) {
      refs.forEach(r -> present.add(String.valueOf(((Map<?, ?>) r).get("ref_type"))));
    }
    for (String required : rule.requiredRefTypes()) {
      if (!present.contains(required)) {
        return "REQUIRED_EVIDENCE_MISSING:" + required;
      }
    }
    Map<?, ?> pins = (Map<?, ?>) trigger.get("pins");
    for (String pin : requiredPins) {
      if ((requireSeed || !pin.equals("seed")) && pins.get(pin) == null) {
        return "REQUIRED_PIN_MISSING:" + pin;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  public static TriggerPolicy parse(Map<String, Object> doc) {
    Map<String, Rule> rules = new TreeMap<>();
    if (!(doc.get("trigger_rules") instanceof List<?> list)) {
      throw new IllegalArgumentException("trigger_rules must be a list");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("every trigger_rules item must be a mapping");
      }
      Map<String, Object> rule = (Map<String, Object>) m;
      String type = text(rule, "trigger_type", "trigger_rules");
      if (!CaseTriggers.TRIGGER_TYPES.contains(type)) {
        throw new IllegalArgumentException("trigger_rules: trigger_type " + type + " is not one of "
            + CaseTriggers.TRIGGER_TYPES);
      }
      if (rules.containsKey(type)) {
        throw new IllegalArgumentException("trigger_rules: " + type + " appears twice");
      }
      List<String> classes = sortedSet(rule.get("source_classes"), "trigger_rules." + type + ".source_classes");
      for (String c : classes) {
        if (!SOURCE_CLASSES.contains(c)) {
          throw new IllegalArgumentException("trigger_rules." + type + ".source_classes: " + c + " is not one of "
              + new TreeSet<>(SOURCE_CLASSES));
        }
      }
      List<String> refs = sortedSet(rule.get("required_evidence_ref_types"),
          "trigger_rules." + type + ".required_evidence_ref_types");
      for (String r : refs) {
        if (!CaseTriggers.REF_TYPES.contains(r)) {
          throw new IllegalArgumentException("trigger_rules." + type + ".required_evidence_ref_types: " + r
              + " is not one of " + new TreeSet<>(CaseTriggers.REF_TYPES));
        }
      }
      rules.put(type, new Rule(classes, refs));
    }
    if (!rules.keySet().containsAll(CaseTriggers.TRIGGER_TYPES)) {
      List<String> missing = new ArrayList<>(CaseTriggers.TRIGGER_TYPES);
      missing.removeAll(rules.keySet());
      throw new IllegalArgumentException("trigger_rules: missing " + missing);
    }
    List<String> pins = sortedSet(doc.get("required_pins"), "required_pins");
    if (!CaseTriggers.PINS.containsAll(pins)) {
      throw new IllegalArgumentException("required_pins: each must be one of " + CaseTriggers.PINS);
    }
    if (!(doc.get("require_seed") instanceof Boolean requireSeed)) {
      throw new IllegalArgumentException("require_seed must be true or false");
    }
    Map<String, Object> escalation = map(doc, "escalation");
    Map<String, Object> failure = map(doc, "action_failure");
    if (!(escalation.get("review_sample_rate") instanceof Number rate) || rate.doubleValue() < 0
        || rate.doubleValue() > 1) {
      throw new IllegalArgumentException("escalation.review_sample_rate must be a number in [0, 1]");
    }
    Object max = escalation.getOrDefault("review_sample_max_per_output", Long.MAX_VALUE);
    if (!(max instanceof Integer || max instanceof Long) || ((Number) max).longValue() < 1) {
      throw new IllegalArgumentException("escalation.review_sample_max_per_output must be a whole number >= 1");
    }
    return new TriggerPolicy(text(doc, "version", "policy"), text(doc, "policy_id", "policy"),
        text(doc, "revision", "policy"), Hashing.canonicalHash(doc), text(doc, "event_class", "policy"),
        requireSeed, pins, rules,
        Set.copyOf(sortedSet(escalation.get("escalate_action_kinds"), "escalation.escalate_action_kinds")),
        rate.doubleValue(), ((Number) max).longValue(), 0,
        Set.copyOf(sortedSet(failure.get("statuses"), "action_failure.statuses")));
  }

  private static String text(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(where + "." + key + " must be a non-empty string");
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Map<?, ?> v)) {
      throw new IllegalArgumentException(key + " must be a mapping");
    }
    return (Map<String, Object>) v;
  }

  private static List<String> sortedSet(Object v, String where) {
    if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String s && !s.isEmpty())) {
      throw new IllegalArgumentException(where + " must be a list of non-empty strings");
    }
    return List.copyOf(new TreeSet<>(list.stream().map(String.class::cast).toList()));
  }
}
