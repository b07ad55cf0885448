package dev.fp.rtdl.df.core;

import dev.fp.contract.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules over OFP's entity features ({@code conf/df/risk_policy.yaml}) that raise a decision to STEP_UP or
 * QUEUE_REVIEW with reason codes. Parsed strictly; evaluated purely.
 */
public record RiskPolicy(String policyId, String revision, String contentDigest, String featureCapability,
                         String featureGroupVersion, List<Rule> rules) {
  public static final List<String> ACTIONS = List.of("ALLOW", "STEP_UP", "QUEUE_REVIEW");
  private static final Set<String> OPS = Set.of("gt", "gte", "lt", "lte", "amount_over", "amount_under");

  /**
   * A condition on {@code group.feature}: against {@code value}, or (amount_over, amount_under) the flow's amount
   * against factor × it.
   */
  public record Condition(String group, String feature, String op, double value) {
    boolean holds(Map<String, Map<String, Object>> byGroup, Double amount) {
      Map<String, Object> values = byGroup.get(group);
      if (values == null || !(values.get(feature) instanceof Number n)) {
        return false;
      }
      double x = n.doubleValue();
      return switch (op) {
        case "gt" -> x > value;
        case "gte" -> x >= value;
        case "lt" -> x < value;
        case "lte" -> x <= value;
        case "amount_over" -> amount != null && amount > value * x;
        default -> amount != null && amount < value * x;
      };
    }
  }

  public record Rule(String code, String action, List<Condition> when) {
  }

  /** What the rules said: the strongest action among those that fired (ALLOW when none), and their codes. */
  public record Verdict(String action, List<String> codes) {
  }

  /** The entity groups the rules read, in first-use order (what DF asks OFP for). */
  public List<String> groups() {
    Set<String> out = new LinkedHashSet<>();
    rules.forEach(r -> r.when().forEach(c -> out.add(c.group())));
    return List.copyOf(out);
  }

  /**
   * @param byGroup the entity features OFP returned for the flow's entities, by group ({@code party_features → values})
   * @param amount  the flow's amount (null when the event has none)
   */
  public Verdict evaluate(Map<String, Map<String, Object>> byGroup, Double amount) {
    String action = "ALLOW";
    List<String> codes = new ArrayList<>();
    for (Rule r : rules) {
      if (r.when().stream().allMatch(c -> c.holds(byGroup, amount))) {
        codes.add(r.code());
        if (ACTIONS.indexOf(r.action()) > ACTIONS.indexOf(action)) {
          action = r.action();
        }
      }
    }
    return new Verdict(action, codes);
  }

  @SuppressWarnings("unchecked")
  public static RiskPolicy parse(Map<String, Object> doc) {
    String where = "risk policy";
    RegistrySnapshot.unknown(doc.keySet(), Set.of("policy_id", "revision", "feature_capability",
        "feature_group_version", "rules"), where);
    if (!(doc.get("rules") instanceof List<?> list)) {
      throw new IllegalArgumentException(where + ": rules must be a list");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> codes = new LinkedHashSet<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException(where + ": every rule must be a mapping, got " + o);
      }
      Map<String, Object> m = (Map<String, Object>) raw;
      RegistrySnapshot.unknown(m.keySet(), Set.of("code", "action", "when"), where + " rule " + m.get("code"));
      String code = RegistrySnapshot.text(m, "code", where + " rule");
      String at = where + " rule " + code;
      if (!codes.add(code)) {
        throw new IllegalArgumentException(where + ": rule code " + code + " appears twice");
      }
      String action = RegistrySnapshot.text(m, "action", at);
      if (!action.equals("STEP_UP") && !action.equals("QUEUE_REVIEW")) {
        throw new IllegalArgumentException(at + ": action must be STEP_UP or QUEUE_REVIEW, got " + action);
      }
      if (!(m.get("when") instanceof List<?> conds) || conds.isEmpty()) {
        throw new IllegalArgumentException(at + ": when must be a non-empty list of conditions");
      }
      List<Condition> when = new ArrayList<>();
      for (Object c : conds) {
        when.add(condition(c, at));
      }
      rules.add(new Rule(code, action, List.copyOf(when)));
    }
    return new RiskPolicy(RegistrySnapshot.text(doc, "policy_id", where), RegistrySnapshot.text(doc, "revision", where),
        Hashing.canonicalHash(doc), RegistrySnapshot.text(doc, "feature_capability", where),
        RegistrySnapshot.text(doc, "feature_group_version", where), List.copyOf(rules));
  }

  @SuppressWarnings("unchecked")
  private static Condition condition(Object o, String at) {
    if (!(o instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(at + ": a condition must be a mapping, got " + o);
    }
    Map<String, Object> c = (Map<String, Object>) raw;
    RegistrySnapshot.unknown(c.keySet(), Set.of("feature", "op", "value", "factor"), at);
    String feature = RegistrySnapshot.text(c, "feature", at);
    int dot = feature.indexOf('.');
    if (dot <= 0 || dot == feature.length() - 1) {
      throw new IllegalArgumentException(at + ": feature must be <group>.<name>, got " + feature);
    }
    String op = RegistrySnapshot.text(c, "op", at);
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException(at + ": op must be one of " + new java.util.TreeSet<>(OPS) + ", got " + op);
    }
    String numberKey = op.startsWith("amount_") ? "factor" : "value";
    if (!(c.get(numberKey) instanceof Number n)) {
      throw new IllegalArgumentException(at + ": op " + op + " needs a number '" + numberKey + "'");
    }
    return new Condition(feature.substring(0, dot), feature.substring(dot + 1), op, n.doubleValue());
  }
}
