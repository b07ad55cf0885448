package dev.fp.ingress.ig.core;

import dev.fp.contract.WireFormats;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A payload JSON Schema compiled to a check over plain JSON values (what the body parser yields: maps, lists,
 * String, Boolean, Integer/Long/BigInteger, Double, null) that can only answer "certainly valid": the schema library
 * needed ~40% of an admission's CPU, nearly all on valid payloads, converting each to a tree first. Anything it does
 * not decide exactly as draft 2020-12 and the library do — a double under {@code integer} or {@code minimum}, a
 * string with a non-printable or non-ASCII character under {@code pattern} (line terminators and Unicode classes are
 * where regex dialects differ), any other value class — answers "not sure", and the library judges (and words the
 * errors). A schema using a keyword outside the modelled subset (type, properties, required, boolean
 * additionalProperties, integral minimum, pattern, enum of strings/booleans/null, items, local {@code $ref} into
 * {@code $defs}, and annotations) does not compile: {@link #compile} returns null. Immutable and thread-safe.
 */
final class SchemaShortcut {
  /** Keywords without effect on validity; {@code $id} and {@code $schema} only at the root (see {@link #compile}). */
  private static final Set<String> ANNOTATIONS = Set.of("$comment", "title", "description");
  private static final Set<String> ROOT_ONLY = Set.of("$defs", "$id", "$schema");
  private static final String DEFS_REF = "#/$defs/";
  private static final int MAX_REF_DEPTH = 16;
  /** The wire formats' patterns, checked by {@link WireFormats}' loops (ASCII digits, no newline before the end). */
  private static final Map<String, Predicate<String>> WIRE_PATTERNS = Map.of(
      "^[a-f0-9]{64}$", WireFormats::isHex64,
      "^[a-f0-9]{32}$", WireFormats::isHex32,
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$", WireFormats::isMicrosTimestamp,
      "^platform_[0-9]{8}T[0-9]{6}Z$", WireFormats::isPlatformRunId);
  private final Node root;

  private SchemaShortcut(Node root) {
    this.root = root;
  }

  /** The shortcut of a schema document, or null when it uses something the shortcut does not model. */
  static SchemaShortcut compile(Map<String, Object> schema) {
    Object defs = schema.get("$defs");
    if (defs != null && !(defs instanceof Map<?, ?>)) {
      return null;
    }
    try {
      Compiler compiler = new Compiler(defs == null ? Map.of() : asObject(defs));
      // a nested $id would move the base of $ref resolution; a nested $defs is not where refs look
      Map<String, Object> body = new LinkedHashMap<>(schema);
      body.keySet().removeAll(ROOT_ONLY);
      return new SchemaShortcut(compiler.node(body, 0));
    } catch (Unsupported e) {
      return null;
    }
  }

  /** True only when the value is valid against the schema; false means "ask the library". */
  boolean surelyValid(Object value) {
    return root.surelyValid(value);
  }

  /** A schema keyword or shape outside the modelled subset. */
  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private record Compiler(Map<String, Object> defs) {
    Node node(Object schemaValue, int refDepth) throws Unsupported {
      if (!(schemaValue instanceof Map<?, ?>) || refDepth > MAX_REF_DEPTH) {
        throw new Unsupported();
      }
      Map<String, Object> schema = asObject(schemaValue);
      Node n = new Node();
      for (Map.Entry<String, Object> e : schema.entrySet()) {
        Object v = e.getValue();
        switch (e.getKey()) {
          case "type" -> n.types = types(v);
          case "properties" -> n.properties = properties(v, refDepth);
          case "required" -> n.required = strings(v);
          case "additionalProperties" -> n.closed = !bool(v);
          case "minimum" -> n.minimum = integral(v);
          case "pattern" -> n.pattern = pattern(v);
          case "enum" -> n.enumValues = enumValues(v);
          case "items" -> n.items = node(v, refDepth);
          case "$ref" -> n.ref = ref(v, refDepth);
          default -> {
            if (!ANNOTATIONS.contains(e.getKey())) {
              throw new Unsupported();
            }
          }
        }
      }
      return n;
    }

    private Node ref(Object v, int refDepth) throws Unsupported {
      if (!(v instanceof String s) || !s.startsWith(DEFS_REF)) {
        throw new Unsupported();
      }
      String name = s.substring(DEFS_REF.length());
      if (name.contains("/") || name.contains("~") || name.contains("%") || !defs.containsKey(name)) {
        throw new Unsupported();
      }
      return node(defs.get(name), refDepth + 1);
    }

    private Map<String, Node> properties(Object v, int refDepth) throws Unsupported {
      if (!(v instanceof Map<?, ?>)) {
        throw new Unsupported();
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : asObject(v).entrySet()) {
        out.put(e.getKey(), node(e.getValue(), refDepth));
      }
      return out;
    }

    private static Set<Type> types(Object v) throws Unsupported {
      List<String> names = v instanceof String s ? List.of(s) : strings(v);
      Set<Type> out = EnumSet.noneOf(Type.class);
      for (String name : names) {
        out.add(Type.named(name));
      }
      return out;
    }

    private static List<String> strings(Object v) throws Unsupported {
      if (!(v instanceof List<?> list)) {
        throw new Unsupported();
      }
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new Unsupported();
        }
        out.add(s);
      }
      return out;
    }

    private static boolean bool(Object v) throws Unsupported {
      if (!(v instanceof Boolean b)) {
        throw new Unsupported();
      }
      return b;
    }

    private static BigInteger integral(Object v) throws Unsupported {
      if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
        return new BigInteger(v.toString());
      }
      throw new Unsupported();
    }

    /** A wire format's pattern as its loop, any other through the regex engine on printable ASCII only. */
    private static Predicate<String> pattern(Object v) throws Unsupported {
      // \p{…} classes are rewritten by the library before compiling; leave them to it
      if (!(v instanceof String s) || s.contains("\\p") || s.contains("\\P")) {
        throw new Unsupported();
      }
      Predicate<String> wire = WIRE_PATTERNS.get(s);
      if (wire != null) {
        return wire;
      }
      try {
        Pattern regex = Pattern.compile(s);
        return text -> printableAscii(text) && regex.matcher(text).find();
      } catch (RuntimeException e) {
        throw new Unsupported();
      }
    }

    private static List<Object> enumValues(Object v) throws Unsupported {
      if (!(v instanceof List<?> list)) {
        throw new Unsupported();
      }
      for (Object o : list) {
        if (o != null && !(o instanceof String) && !(o instanceof Boolean)) {
          throw new Unsupported();
        }
      }
      return new ArrayList<>(list);
    }
  }

  private enum Type {
    STRING, INTEGER, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY;

    static Type named(String name) throws Unsupported {
      for (Type t : values()) {
        if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
          return t;
        }
      }
      throw new Unsupported();
    }

    /** Whether a plain value is certainly of this JSON type (a double is never certainly an integer). */
    boolean holds(Object v) {
      return switch (this) {
        case STRING -> v instanceof String;
        case INTEGER -> isInteger(v);
        case NUMBER -> isInteger(v) || v instanceof Double d && Double.isFinite(d);
        case BOOLEAN -> v instanceof Boolean;
        case NULL -> v == null;
        case OBJECT -> v instanceof Map<?, ?>;
        case ARRAY -> v instanceof List<?>;
      };
    }
  }

  /** One compiled (sub)schema; null fields are absent keywords. */
  private static final class Node {
    Set<Type> types;
    Map<String, Node> properties;
    List<String> required;
    boolean closed;
    BigInteger minimum;
    Predicate<String> pattern;
    List<Object> enumValues;
    Node items;
    Node ref;

    boolean surelyValid(Object v) {
      if (!isPlain(v)) {
        return false;
      }
      if (types != null && !anyTypeHolds(v)) {
        return false;
      }
      if (ref != null && !ref.surelyValid(v)) {
        return false;
      }
      if (enumValues != null && !(v == null || v instanceof String || v instanceof Boolean)
          || enumValues != null && !enumValues.contains(v)) {
        return false;
      }
      if (v instanceof String s) {
        return pattern == null || pattern.test(s);
      }
      if (v instanceof Number n) {
        return minimum == null || atLeastMinimum(n);
      }
      if (v instanceof Map<?, ?> map) {
        return objectValid(map);
      }
      if (v instanceof List<?> list && items != null) {
        for (Object item : list) {
          if (!items.surelyValid(item)) {
            return false;
          }
        }
      }
      return true;
    }

    /** Integers only: how the library compares a double with the bound is its business. */
    private boolean atLeastMinimum(Number n) {
      if (n instanceof Integer || n instanceof Long) {
        return minimum.bitLength() < 64 ? n.longValue() >= minimum.longValue() : minimum.signum() < 0;
      }
      return n instanceof BigInteger b && b.compareTo(minimum) >= 0;
    }

    private boolean anyTypeHolds(Object v) {
      for (Type t : types) {
        if (t.holds(v)) {
          return true;
        }
      }
      return false;
    }

    private boolean objectValid(Map<?, ?> map) {
      if (required != null) {
        for (String field : required) {
          if (!map.containsKey(field)) {
            return false;
          }
        }
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        Node property = properties == null ? null : properties.get(key);
        if (property == null ? closed : !property.surelyValid(e.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private static boolean isInteger(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigInteger;
  }

  /** The value classes the body parser produces; anything else is left to the library. */
  private static boolean isPlain(Object v) {
    return v == null || v instanceof String || v instanceof Boolean || isInteger(v) || v instanceof Double
        || v instanceof Map<?, ?> || v instanceof List<?>;
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object v) {
    return (Map<String, Object>) v;
  }
}
