package dev.fp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A view of one config section that reads typed values, resolves env tokens, applies defaults and names the full
 * key path in every error ({@code substrate.sql.postgres.port: expected an integer, got "abc"}).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreType
public final class ConfigNode {
  private final String path;
  private final JsonNode node;
  private final EnvTokens env;

  public ConfigNode(String path, JsonNode node, EnvTokens env) {
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
    this.env = env;
  }

  public ConfigNode section(String name) {
    JsonNode child = node.path(name);
    if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
      throw new ConfigException(key(name), "expected a mapping");
    }
    return new ConfigNode(key(name), child, env);
  }

  public boolean has(String name) {
    return !node.path(name).isMissingNode() && !node.path(name).isNull();
  }

  public String path() { return path; }

  /** The section as read, env tokens still unresolved (for digests); a missing section is a MissingNode. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public JsonNode tree() {
    return node;
  }

  public String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A required string (after token resolution it must not be blank). */
  public String string(String name) {
    String v = optString(name, null);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key(name), "required");
    }
    return v;
  }

  public String optString(String name, String dflt) {
    JsonNode v = node.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw new ConfigException(key(name), "expected a scalar value");
    }
    return env.resolve(key(name), v.asText());
  }

  public String oneOf(String name, String dflt, Set<String> allowed) {
    String v = optString(name, dflt);
    if (v == null || !allowed.contains(v)) {
      throw new ConfigException(key(name), "must be one of " + new java.util.TreeSet<>(allowed) + ", got \"" + v + "\"");
    }
    return v;
  }

  public int integer(String name, int dflt, int min, int max) {
    String v = optString(name, null);
    if (v == null) {
      return dflt;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "expected an integer, got \"" + v + "\"");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  public long longValue(String name, long dflt, long min, long max) {
    String v = optString(name, null);
    if (v == null) {
      return dflt;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "expected an integer, got \"" + v + "\"");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  public double decimal(String name, double dflt, double min, double max) {
    String v = optString(name, null);
    if (v == null) {
      return dflt;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "expected a number, got \"" + v + "\"");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", got " + v.trim());
    }
    return parsed;
  }

  public boolean bool(String name, boolean dflt) {
    String v = optString(name, null);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim().toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(key(name), "expected true or false, got \"" + v + "\"");
    };
  }

  public List<String> stringList(String name) {
    JsonNode v = node.path(name);
    List<String> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ConfigException(key(name), "expected a list");
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(env.resolve(key(name) + "[" + i + "]", v.get(i).asText()));
    }
    return out;
  }

  /** Rejects keys this section does not define, so typos fail loudly. */
  public void allowOnly(Set<String> names) {
    node.fieldNames().forEachRemaining(f -> {
      if (!names.contains(f)) {
        throw new ConfigException(key(f), "unknown key (allowed: " + new java.util.TreeSet<>(names) + ")");
      }
    });
  }
}
