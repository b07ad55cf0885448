package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label taxonomy a {@link LabelAssertions LabelAssertion} is checked against (case_ops_obs §3.1), read from
 * {@value #DEFAULT_FILE} under the config dir: the allowed values of each label type, the source types, the sources
 * that must name an actor, and the evidence ref types. Parsed strictly; an error names the key.
 */
public record LabelTaxonomy(String taxonomyId, String revision, Map<String, List<String>> labelTypes,
                            Set<String> sourceTypes, Set<String> actorRequiredFor, Set<String> evidenceRefTypes) {
  public static final String DEFAULT_FILE = "ls/taxonomy_v0.yaml";
  private static final Set<String> KEYS =
      Set.of("taxonomy_id", "revision", "label_types", "source_types", "actor_required_for", "evidence_ref_types");

  public LabelTaxonomy {
    labelTypes = Map.copyOf(labelTypes);
    sourceTypes = Set.copyOf(sourceTypes);
    actorRequiredFor = Set.copyOf(actorRequiredFor);
    evidenceRefTypes = Set.copyOf(evidenceRefTypes);
  }

  /** True when {@code value} is one of the values of {@code labelType} (false for an unknown type). */
  public boolean allows(String labelType, String value) {
    List<String> values = labelTypes.get(labelType);
    return values != null && values.contains(value);
  }

  /** Parses the YAML document; {@link IllegalArgumentException} names the offending key. */
  public static LabelTaxonomy parse(Map<String, Object> doc) {
    for (String key : doc.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(key + ": unknown key (allowed: " + KEYS.stream().sorted().toList() + ")");
      }
    }
    if (!(doc.get("label_types") instanceof Map<?, ?> types) || types.isEmpty()) {
      throw new IllegalArgumentException("label_types must be a non-empty mapping of type → list of values");
    }
    Map<String, List<String>> labelTypes = new LinkedHashMap<>();
    types.forEach((type, values) -> labelTypes.put(String.valueOf(type),
        strings(values, "label_types." + type)));
    Set<String> sources = Set.copyOf(strings(doc.get("source_types"), "source_types"));
    Object actorValue = doc.get("actor_required_for");
    List<String> actorRequired = actorValue == null || actorValue instanceof List<?> l && l.isEmpty() ? List.of()
        : strings(actorValue, "actor_required_for");
    for (String source : actorRequired) {
      if (!sources.contains(source)) {
        throw new IllegalArgumentException("actor_required_for: " + source + " is not one of source_types");
      }
    }
    return new LabelTaxonomy(text(doc, "taxonomy_id"), text(doc, "revision"), labelTypes, sources,
        Set.copyOf(actorRequired), Set.copyOf(strings(doc.get("evidence_ref_types"), "evidence_ref_types")));
  }

  private static String text(Map<String, Object> doc, String key) {
    if (!(doc.get(key) instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(key + " must be a non-empty string");
    }
    return s;
  }

  private static List<String> strings(Object value, String key) {
    if (!(value instanceof List<?> list) || list.isEmpty()
        || !list.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
      throw new IllegalArgumentException(key + " must be a non-empty list of non-empty strings");
    }
    if (list.stream().distinct().count() != list.size()) {
      throw new IllegalArgumentException(key + " lists a value twice");
    }
    return list.stream().map(String.class::cast).toList();
  }
}
