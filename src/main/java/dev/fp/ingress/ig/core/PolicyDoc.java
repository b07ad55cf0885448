package dev.fp.ingress.ig.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed policy document (YAML or JSON as plain maps) with the path it is known by (the path is part of the
 * {@code run_config_digest}); typed getters fail with {@link PolicyException} naming {@code path:key}.
 */
public record PolicyDoc(String path, Map<String, Object> content) {
  public PolicyDoc {
    content = content == null ? Map.of() : content;
  }

  public String string(String key) {
    Object v = content.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new PolicyException(path + ": " + key + " must be a non-empty string");
    }
    return s;
  }

  public String optString(String key, String dflt) {
    Object v = content.get(key);
    return v == null ? dflt : String.valueOf(v);
  }

  public PolicyDoc section(String key) {
    return new PolicyDoc(path + ":" + key, map(path, key, content.get(key)));
  }

  /** Entries of a mapping section, each value as a document of its own. */
  public Map<String, PolicyDoc> sections(String key) {
    Map<String, PolicyDoc> out = new LinkedHashMap<>();
    section(key).content().forEach((k, v) -> out.put(k, new PolicyDoc(path + ":" + key + "." + k, map(path, key + "." + k, v))));
    return out;
  }

  /** A mapping of strings to strings. */
  public Map<String, String> strings(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    section(key).content().forEach((k, v) -> {
      if (!(v instanceof String s)) {
        throw new PolicyException(path + ": " + key + "." + k + " must be a string");
      }
      out.put(k, s);
    });
    return out;
  }

  public List<String> stringList(String key) {
    Object v = content.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new PolicyException(path + ": " + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(String.valueOf(item)));
    return out;
  }

  public boolean bool(String key, boolean dflt) {
    Object v = content.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw new PolicyException(path + ": " + key + " must be true or false");
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String path, String key, Object v) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new PolicyException(path + ": " + key + " must be a mapping");
    }
    return (Map<String, Object>) m;
  }
}
