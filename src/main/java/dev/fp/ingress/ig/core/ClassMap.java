package dev.fp.ingress.ig.core;

import java.util.List;
import java.util.Map;

/**
 * {@code class_map_v0.yaml}: event_type → event class (unknown types fall to {@code default_class}, the reference's
 * {@code traffic}) and the pins each class requires, present and non-empty (control_ingress.md §5.5).
 */
public record ClassMap(String policyId, String defaultClass, Map<String, String> eventTypes,
                       Map<String, List<String>> requiredPins) {
  public ClassMap {
    eventTypes = Map.copyOf(eventTypes);
    requiredPins = Map.copyOf(requiredPins);
    if (!requiredPins.containsKey(defaultClass)) {
      throw new PolicyException("class map: default_class " + defaultClass + " has no classes entry");
    }
    for (Map.Entry<String, String> e : eventTypes.entrySet()) {
      if (!requiredPins.containsKey(e.getValue())) {
        throw new PolicyException("class map: event type " + e.getKey() + " maps to unknown class " + e.getValue());
      }
    }
  }

  public static ClassMap from(PolicyDoc doc) {
    Map<String, List<String>> pins = new java.util.LinkedHashMap<>();
    doc.sections("classes").forEach((cls, spec) -> pins.put(cls, spec.stringList("required_pins")));
    return new ClassMap(doc.string("policy_id"), doc.string("default_class"), doc.strings("event_types"), pins);
  }

  public String classOf(String eventType) {
    return eventTypes.getOrDefault(eventType, defaultClass);
  }

  /** Required pins that are absent, null or "" in the envelope, in class-map order. */
  public List<String> missingPins(String eventClass, Map<String, ?> envelope) {
    return requiredPins.getOrDefault(eventClass, List.of()).stream()
        .filter(pin -> envelope.get(pin) == null || "".equals(envelope.get(pin))).toList();
  }
}
