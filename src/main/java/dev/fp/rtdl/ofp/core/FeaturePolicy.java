package dev.fp.rtdl.ofp.core;

import dev.fp.contract.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code conf/ofp/features.yaml} parsed: policy id and revision, the content digest (sha256 of the canonical JSON of
 * the whole document, cited in every snapshot), which traffic event carries a flow's amount, the cap of distinct
 * counterparty sets, and the groups. Exactly one group is keyed by {@code flow_id} ({@code core_features}); the
 * others are keyed by an entity of the flow anchor.
 */
public record FeaturePolicy(String policyId, String revision, String contentDigest, String amountEventType,
                            int distinctCap, List<FeatureGroup> groups) {
  /** The flow-anchor fields entity groups may be keyed by or count as counterparties. */
  public static final List<String> ENTITY_TYPES = List.of("merchant_id", "party_id", "account_id", "instrument_id",
      "device_id", "ip_id");
  private static final Set<String> TOP = Set.of("policy_id", "revision", "amount_event_type", "distinct_cap",
      "groups");
  private static final Set<String> GROUP = Set.of("name", "version", "key_type", "windows", "distinct");

  public FeaturePolicy {
    groups = List.copyOf(groups);
  }

  /** Parses the YAML document (as plain maps); throws {@link IllegalArgumentException} naming what is wrong. */
  @SuppressWarnings("unchecked")
  public static FeaturePolicy of(Map<String, Object> doc) {
    only(doc, TOP, "features policy");
    String policyId = text(doc, "policy_id", "features policy");
    String revision = text(doc, "revision", "features policy");
    String amountEventType = doc.containsKey("amount_event_type") ? text(doc, "amount_event_type",
        "features policy") : "AUTH_REQUEST";
    int cap = doc.get("distinct_cap") instanceof Number n ? n.intValue() : 64;
    if (cap < 1 || cap > 10_000) {
      throw new IllegalArgumentException("features policy: distinct_cap must be 1..10000, got " + doc.get(
          "distinct_cap"));
    }
    if (!(doc.get("groups") instanceof List<?> rawGroups) || rawGroups.isEmpty()) {
      throw new IllegalArgumentException("features policy: 'groups' must be a non-empty list");
    }
    List<FeatureGroup> groups = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    int flowGroups = 0;
    for (Object raw : rawGroups) {
      if (!(raw instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("features policy: every group must be a mapping, got " + raw);
      }
      Map<String, Object> g = (Map<String, Object>) m;
      String where = "features group " + g.get("name");
      only(g, GROUP, where);
      FeatureGroup group = new FeatureGroup(text(g, "name", where), text(g, "version", where),
          text(g, "key_type", where), windows(g, where), strings(g, "distinct", where));
      if (!names.add(group.name())) {
        throw new IllegalArgumentException(where + ": declared twice");
      }
      groups.add(group);
      if (group.keyedByFlow()) {
        flowGroups++;
        if (!group.windows().isEmpty() || !group.distinct().isEmpty()) {
          throw new IllegalArgumentException(where + ": a flow_id group has no windows or distinct sets");
        }
      } else {
        if (!ENTITY_TYPES.contains(group.keyType())) {
          throw new IllegalArgumentException(where + ": key_type must be flow_id or one of " + ENTITY_TYPES);
        }
        if (group.windows().isEmpty()) {
          throw new IllegalArgumentException(where + ": an entity group needs at least one window");
        }
        for (String d : group.distinct()) {
          if (!ENTITY_TYPES.contains(d) || d.equals(group.keyType())) {
            throw new IllegalArgumentException(where + ": distinct '" + d + "' must be another of " + ENTITY_TYPES);
          }
        }
      }
    }
    if (flowGroups != 1) {
      throw new IllegalArgumentException("features policy: exactly one group must be keyed by flow_id, found "
          + flowGroups);
    }
    return new FeaturePolicy(policyId, revision, Hashing.canonicalHash(doc), amountEventType, cap, groups);
  }

  /** The group keyed by flow_id. */
  public FeatureGroup flowGroup() {
    return groups.stream().filter(FeatureGroup::keyedByFlow).findFirst().orElseThrow();
  }

  public List<FeatureGroup> entityGroups() {
    return groups.stream().filter(g -> !g.keyedByFlow()).toList();
  }

  public FeatureGroup group(String name, String version) {
    return groups.stream().filter(g -> g.name().equals(name) && g.version().equals(version)).findFirst()
        .orElse(null);
  }

  /** {@code {policy_id, revision, content_digest}}, as every snapshot cites it. */
  public Map<String, Object> rev() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("revision", revision);
    m.put("content_digest", contentDigest);
    return m;
  }

  private static void only(Map<String, Object> m, Set<String> allowed, String where) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "' (allowed: " + allowed + ")");
      }
    }
  }

  private static String text(Map<String, Object> m, String key, String where) {
    if (!(m.get(key) instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + ": '" + key + "' is required (a non-empty string)");
    }
    return s;
  }

  private static List<String> strings(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be a list of strings");
    }
    return l.stream().map(String.class::cast).toList();
  }

  private static List<Window> windows(Map<String, Object> g, String where) {
    List<Window> out = new ArrayList<>();
    for (String label : strings(g, "windows", where)) {
      try {
        out.add(Window.parse(label));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
