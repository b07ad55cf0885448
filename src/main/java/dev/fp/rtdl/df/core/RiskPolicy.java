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
                         String featureGroupVersion, Map<String, String> groupKeys, List<Rule> rules) {
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

  /**
   * The key types of the groups the rules read ({@code group_keys}), in first-use order: the only entity keys DF asks
   * OFP about (a key no requested group serves would come back missing every time).
   */
  public List<String> keyTypes() {
    Set<String> out = new LinkedHashSet<>();
    groups().forEach(g -> out.add(groupKeys.get(g)));
    return List.copyOf(out);
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
        "feature_group_version", "group_keys", "rules"), where);
    Map<String, String> groupKeys = groupKeys(doc.get("group_keys"), where);
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
        Condition cond = condition(c, at);
        if (!groupKeys.containsKey(cond.group())) {
          throw new IllegalArgumentException(at + ": group " + cond.group() + " has no key type in group_keys");
        }
        when.add(cond);
      }
      rules.add(new Rule(code, action, List.copyOf(when)));
    }
    return new RiskPolicy(RegistrySnapshot.text(doc, "policy_id", where), RegistrySnapshot.text(doc, "revision", where),
        Hashing.canonicalHash(doc), RegistrySnapshot.text(doc, "feature_capability", where),
        RegistrySnapshot.text(doc, "feature_group_version", where), groupKeys, List.copyOf(rules));
  }

  /** {@code group → key type} (OFP's key_type of the group), each key type one of a flow anchor's entities. */
  private static Map<String, String> groupKeys(Object raw, String where) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      throw new IllegalArgumentException(where + ": group_keys must map each entity feature group to its key type");
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    m.forEach((g, k) -> {
      if (!(k instanceof String type) || !DecisionRule.ENTITY_KEYS.contains(type)) {
        throw new IllegalArgumentException(where + ": group_keys." + g + " must be one of " + DecisionRule.ENTITY_KEYS
            + ", got " + k);
      }
      out.put(String.valueOf(g), type);
    });
    return Map.copyOf(out);
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
