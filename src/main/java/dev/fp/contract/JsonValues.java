package dev.fp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the JSON shapes we receive (Jackson {@link JsonNode}, plain {@link Map}/{@link List}; Vert.x trees are
 * unwrapped at the edge, see {@code dev.fp.platform.VertxJson}) into plain Java values: {@code Map<String,Object>}, {@code List<Object>}, String, Boolean,
 * null, Integer/Long/BigInteger for JSON integers and Double for JSON floats.
 *
 * <p>A {@link BigDecimal} counts as a JSON float: parsers that keep decimals (e.g. Jackson with
 * {@code USE_BIG_DECIMAL_FOR_FLOATS}) produce one for a number written with a fraction or exponent, which Python's
 * {@code json.loads} reads as {@code float}; ids and hashes must therefore see the double.
 */
public final class JsonValues {
  private JsonValues() {
  }

  /**
   * Plain, mutable copy of a JSON tree; JSON scalars are returned as they are (BigDecimal/Float widened to Double,
   * Short/Byte to Integer, CharSequence to String). Any other type fails with {@link IllegalArgumentException} rather
   * than passing through: a foreign tree (say a Vert.x {@code JsonObject}) must be unwrapped first, or it would be
   * hashed by its {@code toString}.
   */
  public static Object plain(Object value) {
    if (value instanceof JsonNode node) {
      return fromJackson(node);
    }
    if (value instanceof Map<?, ?> map) {
      return plainMap(map);
    }
    if (value instanceof List<?> list) {
      return plainList(list);
    }
    if (value instanceof Object[] array) {
      return plainList(List.of(array));
    }
    return scalar(value);
  }

  /**
   * Deeply unmodifiable copy (null values allowed, key order kept), for immutable records such as {@link Envelope}.
   * Freezing an already frozen object returns it unchanged, so record copies do not re-copy their payload.
   */
  public static Map<String, Object> freezeObject(Object value) {
    if (value instanceof FrozenObject frozen) {
      return frozen;
    }
    if (value instanceof Map<?, ?> map) {
      return frozenMap(map);
    }
    Object plain = plain(value);
    if (!(plain instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("freeze: expected a JSON object, got " + typeName(value));
    }
    return castMap(freeze(plain));
  }

  /** {@code freeze(plain(map))} in one copy: every envelope a consumer parses or WSP builds is frozen. */
  private static Map<String, Object> frozenMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, (int) (map.size() / 0.75f) + 1));
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("json: object key must be a string, got " + typeName(e.getKey()));
      }
      copy.put(key, frozenValue(e.getValue()));
    }
    return new FrozenObject(copy);
  }

  private static Object frozenValue(Object value) {
    if (value instanceof FrozenObject frozen) {
      return frozen;
    }
    if (value instanceof Map<?, ?> map) {
      return frozenMap(map);
    }
    if (value instanceof List<?> || value instanceof Object[] || value instanceof JsonNode) {
      return freeze(plain(value));
    }
    return scalar(value);
  }

  /** True for the JSON-object shapes this package accepts. */
  public static boolean isObject(Object value) {
    return value instanceof Map<?, ?> || value instanceof JsonNode node && node.isObject();
  }

  static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }

  private static Object freeze(Object plain) {
    if (plain instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, freeze(v)));
      return new FrozenObject(copy);
    }
    if (plain instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    return plain;
  }

  private static Map<String, Object> plainMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("json: object key must be a string, got " + typeName(e.getKey()));
      }
      copy.put(key, plain(e.getValue()));
    }
    return copy;
  }

  private static List<Object> plainList(List<?> list) {
    List<Object> copy = new ArrayList<>(list.size());
    list.forEach(v -> copy.add(plain(v)));
    return copy;
  }

  private static Object scalar(Object value) {
    if (value instanceof BigDecimal || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
        || isIntegral(value)) {
      return value;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    throw new IllegalArgumentException("json: unsupported value type " + typeName(value));
  }

  private static Object fromJackson(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          map.put(e.getKey(), fromJackson(e.getValue()));
        }
        return map;
      case ARRAY:
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(fromJackson(item)));
        return list;
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
        return null;
      case NUMBER:
        return jacksonNumber(node);
      case POJO:
        return plain(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo());
      default:
        throw new IllegalArgumentException("json: unsupported Jackson node type " + node.getNodeType());
    }
  }

  private static Object jacksonNumber(JsonNode node) {
    if (!node.isIntegralNumber()) {
      return node.doubleValue();
    }
    if (node.canConvertToInt()) {
      return node.intValue();
    }
    return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.bigIntegerValue();
  }

  /** Marker for maps built by {@link #freeze}; read-only view over a private copy. */
  private static final class FrozenObject extends AbstractMap<String, Object> {
    private final Map<String, Object> entries;

    FrozenObject(Map<String, Object> entries) {
      this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }

  static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Short || value instanceof Byte;
  }
}
