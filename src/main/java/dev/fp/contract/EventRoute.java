package dev.fp.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How IG routes one event class (control_ingress.md §5.5, §5.7): the topic, the partitioning profile id stamped on
 * receipts, the partition-key precedence ({@code payload.a.b} = nested payload path, a bare name = envelope field) and
 * the pins that must be present and non-empty.
 */
public record EventRoute(String eventClass, String topic, String partitioningProfileId, List<String> keyPrecedence,
    List<String> requiredPins) {

  private static final String PAYLOAD_PREFIX = "payload.";

  public EventRoute {
    keyPrecedence = List.copyOf(keyPrecedence);
    requiredPins = List.copyOf(requiredPins);
  }

  /** First value along the precedence that is neither null nor "" (empty when none: PARTITION_KEY_MISSING). */
  public Optional<Object> partitionKeyValue(Map<String, ?> envelope) {
    for (String path : keyPrecedence) {
      Object value = path.startsWith(PAYLOAD_PREFIX)
          ? nested(envelope.get(EnvelopeFields.PAYLOAD), path.substring(PAYLOAD_PREFIX.length()).split("\\."))
          : envelope.get(path);
      if (value != null && !"".equals(value)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The Kinesis/EventLog partition key: sha256 hex of {@code str(value)} ({@link Ids#partitionKey}). */
  public Optional<String> partitionKey(Map<String, ?> envelope) {
    return partitionKeyValue(envelope).map(Ids::partitionKey);
  }

  /** Required pins that are absent, null or "" (PINS_MISSING when non-empty), in class-map order. */
  public List<String> missingPins(Map<String, ?> envelope) {
    return requiredPins.stream().filter(pin -> envelope.get(pin) == null || "".equals(envelope.get(pin))).toList();
  }

  private static Object nested(Object node, String[] path) {
    Object current = node;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }
}
