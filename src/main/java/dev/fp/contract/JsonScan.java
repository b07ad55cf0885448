package dev.fp.contract;

import java.util.List;
import java.util.Map;

/**
 * Depth-first scan of a plain JSON value (see {@link JsonValues}) that stops at the first problem a {@link Rule}
 * reports, naming where it is as a JSONPath ({@code $.payload.items[2].ts_utc}; a key that is not a plain identifier
 * is written as an ASCII-escaped JSON string, {@code $["a b"]}, so a path is always printable). Pure.
 */
public final class JsonScan {

  /** Checks one node; each method returns why the node is refused, or null. */
  public interface Rule {
    default String key(String key) {
      return null;
    }

    default String string(String value) {
      return null;
    }

    default String number(Number value) {
      return null;
    }
  }

  /** Which kind of node a rule refused. */
  public enum Node { KEY, STRING, NUMBER }

  /** The first problem: where ({@code path}), why ({@code detail}) and in which kind of node. */
  public record Problem(String path, String detail, Node node) {
    @Override
    public String toString() {
      return path + ": " + detail;
    }
  }

  private JsonScan() {
  }

  /** The first node of {@code value} (its path starting at {@code root}, e.g. {@code "$"}) the rule refuses. */
  public static Problem first(Object value, String root, Rule rule) {
    if (value instanceof String s) {
      String why = rule.string(s);
      return why == null ? null : new Problem(root, why, Node.STRING);
    }
    if (value instanceof Number n) {
      String why = rule.number(n);
      return why == null ? null : new Problem(root, why, Node.NUMBER);
    }
    if (value instanceof Map<?, ?> map) {
      return firstInObject(map, root, rule);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Problem p = first(list.get(i), root + "[" + i + "]", rule);
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private static Problem firstInObject(Map<?, ?> map, String root, Rule rule) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String path = root + member(key);
      String why = rule.key(key);
      if (why != null) {
        return new Problem(path, "key " + why, Node.KEY);
      }
      Problem p = first(e.getValue(), path, rule);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static String member(String key) {
    if (key.isEmpty()) {
      return "[\"\"]";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
        return "[" + CanonicalJson.write(key) + "]";
      }
    }
    return "." + key;
  }
}
