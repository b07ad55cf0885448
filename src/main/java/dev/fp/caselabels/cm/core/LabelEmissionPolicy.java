package dev.fp.caselabels.cm.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CM's label emission policy ({@code conf/cm/label_emission_v0.yaml}, reference case_ops_obs §2.5): which label types,
 * actors and sources CM may assert, the automatic label of each trigger type, and the retry bounds of the LS
 * handshake. Parsed strictly: an unknown key or a bad value fails with the key's name.
 *
 * @param autoLabels         trigger type → the label CM asserts when a case gets a trigger of that type (absent: none)
 * @param maxRetryAttempts   LS attempts in all (the first included) before a PENDING label is REJECTED
 * @param retryBackoffSeconds the wait between two attempts of a PENDING label
 * @param pendingMaxAgeSeconds how long a label may stay PENDING before health is RED and P10 fails
 */
public record LabelEmissionPolicy(String policyId, String revision, List<String> allowedLabelTypes,
                                  List<String> allowedActorPrefixes, List<String> allowedSourceTypes,
                                  String autoLabelActor, String autoLabelSourceType, Map<String, AutoLabel> autoLabels,
                                  int maxRetryAttempts, long retryBackoffSeconds, long pendingMaxAgeSeconds) {
  public static final String DEFAULT_FILE = "cm/label_emission_v0.yaml";
  private static final Set<String> KEYS = Set.of("policy_id", "revision", "allowed_label_types",
      "allowed_actor_prefixes", "allowed_source_types", "auto_label_actor", "auto_label_source_type", "auto_labels",
      "max_retry_attempts", "retry_backoff_seconds", "pending_max_age_seconds");

  /** The label CM asserts automatically for a trigger type. */
  public record AutoLabel(String labelType, String labelValue) {
  }

  public LabelEmissionPolicy {
    allowedLabelTypes = List.copyOf(allowedLabelTypes);
    allowedActorPrefixes = List.copyOf(allowedActorPrefixes);
    allowedSourceTypes = List.copyOf(allowedSourceTypes);
    autoLabels = Map.copyOf(autoLabels);
  }

  /** The automatic label for {@code triggerType}, or null when the policy asserts none. */
  public AutoLabel autoLabel(String triggerType) {
    return autoLabels.get(triggerType);
  }

  public static LabelEmissionPolicy parse(Map<String, Object> doc) {
    for (String key : doc.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(key + ": unknown key (allowed: " + KEYS.stream().sorted().toList() + ")");
      }
    }
    List<String> types = strings(doc, "allowed_label_types");
    List<String> prefixes = strings(doc, "allowed_actor_prefixes");
    List<String> sources = strings(doc, "allowed_source_types");
    String actor = text(doc, "auto_label_actor");
    if (prefixes.stream().noneMatch(actor::startsWith)) {
      throw new IllegalArgumentException("auto_label_actor: " + actor + " has none of allowed_actor_prefixes "
          + prefixes);
    }
    String source = text(doc, "auto_label_source_type");
    if (!sources.contains(source)) {
      throw new IllegalArgumentException("auto_label_source_type: " + source + " is not one of allowed_source_types");
    }
    Map<String, AutoLabel> auto = new LinkedHashMap<>();
    if (!(doc.get("auto_labels") instanceof Map<?, ?> labels)) {
      throw new IllegalArgumentException("auto_labels must be a mapping of trigger type → {label_type, label_value}");
    }
    labels.forEach((trigger, v) -> {
      String where = "auto_labels." + trigger;
      if (!(v instanceof Map<?, ?> m) || !Set.of("label_type", "label_value").equals(m.keySet())) {
        throw new IllegalArgumentException(where + " must be {label_type, label_value}");
      }
      @SuppressWarnings("unchecked") Map<String, Object> label = (Map<String, Object>) m;
      String type = text(label, "label_type");
      if (!types.contains(type)) {
        throw new IllegalArgumentException(where + ".label_type: " + type + " is not one of allowed_label_types");
      }
      auto.put(String.valueOf(trigger), new AutoLabel(type, text(label, "label_value")));
    });
    return new LabelEmissionPolicy(text(doc, "policy_id"), text(doc, "revision"), types, prefixes, sources, actor,
        source, auto, (int) number(doc, "max_retry_attempts", 1, 100),
        number(doc, "retry_backoff_seconds", 1, 86_400), number(doc, "pending_max_age_seconds", 1, 604_800));
  }

  private static String text(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(key + " must be a non-empty string");
    }
    return s;
  }

  private static long number(Map<String, Object> m, String key, long min, long max) {
    if (!(m.get(key) instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < min
        || n.longValue() > max) {
      throw new IllegalArgumentException(key + " must be an integer in [" + min + ", " + max + "], got "
          + m.get(key));
    }
    return n.longValue();
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof List<?> list) || list.isEmpty()
        || !list.stream().allMatch(x -> x instanceof String s && !s.isBlank())) {
      throw new IllegalArgumentException(key + " must be a non-empty list of non-empty strings");
    }
    return list.stream().map(String.class::cast).toList();
  }
}
