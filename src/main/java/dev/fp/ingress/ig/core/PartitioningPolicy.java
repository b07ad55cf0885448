package dev.fp.ingress.ig.core;

import dev.fp.contract.EventRoute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partitioning_profiles_v0.yaml}: the profile of each class (others use {@code default_profile}), its stream
 * (topic) and key precedence; the key is the sha256 hex of the first non-empty value (control_ingress.md §5.7).
 */
public record PartitioningPolicy(String hashAlgo, String defaultProfile, Map<String, String> classProfiles,
                                 Map<String, Profile> profiles) {
  public static final String SHA256 = "sha256";

  /** One partitioning profile. */
  public record Profile(String stream, List<String> keyPrecedence) {
    public Profile {
      keyPrecedence = List.copyOf(keyPrecedence);
    }
  }

  public PartitioningPolicy {
    classProfiles = Map.copyOf(classProfiles);
    profiles = Map.copyOf(profiles);
    if (!profiles.containsKey(defaultProfile)) {
      throw new PolicyException("partitioning: default_profile " + defaultProfile + " is not defined");
    }
    for (Map.Entry<String, String> e : classProfiles.entrySet()) {
      if (!profiles.containsKey(e.getValue())) {
        throw new PolicyException("partitioning: class " + e.getKey() + " uses undefined profile " + e.getValue());
      }
    }
  }

  public static PartitioningPolicy from(PolicyDoc doc) {
    Map<String, Profile> profiles = new LinkedHashMap<>();
    doc.sections("profiles").forEach((id, p) -> profiles.put(id, new Profile(p.string("stream"),
        p.stringList("key_precedence"))));
    return new PartitioningPolicy(doc.optString("hash_algo", SHA256), doc.string("default_profile"),
        doc.strings("class_profiles"), profiles);
  }

  /** The route of a class: its profile id, topic, key precedence and the pins the class map requires. */
  public EventRoute routeOf(String eventClass, List<String> requiredPins) {
    String id = classProfiles.getOrDefault(eventClass, defaultProfile);
    Profile p = profiles.get(id);
    return new EventRoute(eventClass, p.stream(), id, p.keyPrecedence(), requiredPins);
  }

  public boolean supportedHash() {
    return SHA256.equals(hashAlgo);
  }
}
