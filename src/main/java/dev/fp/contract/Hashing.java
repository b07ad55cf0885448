package dev.fp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 helpers and the reference's recipe hash:
 * {@code recipeHash(r, p) = sha256_hex(canonical_json({"recipe": r, "payload": normalize(p)}))}, ids being its first
 * 32 hex characters. Pure and thread-safe; strings are hashed as UTF-8.
 */
public final class Hashing {
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA256 = newSha256();

  private Hashing() {
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  /** sha256 hex of the canonical JSON of {@code value} (no normalization; see {@link CanonicalJson}). */
  public static String canonicalHash(Object value) {
    MessageDigest d = digest();
    CanonicalJson.digest(value, d);
    return HEX.formatHex(d.digest());
  }

  public static String recipeHash(String recipe, Object payload) {
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("recipe", recipe);
    wrapped.put("payload", normalize(payload));
    return canonicalHash(wrapped);
  }

  public static String recipeId(String recipe, Object payload) {
    return recipeHash(recipe, payload).substring(0, 32);
  }

  /**
   * The reference's {@code _normalize_generic}: maps get keys stringified ({@link PyStr#str}) and sorted, lists are
   * normalized item by item, str/int/float/bool/null are kept, anything else becomes its string form. Jackson trees
   * are read as plain JSON values first.
   */
  public static Object normalize(Object value) {
    if (value instanceof JsonNode) {
      return normalize(JsonValues.plain(value));
    }
    if (value instanceof Map<?, ?> map) {
      return normalizeMap(map);
    }
    if (value instanceof List<?> list) {
      return normalizeList(list);
    }
    if (value instanceof Object[] array) {
      return normalizeList(List.of(array));
    }
    return normalizeScalar(value);
  }

  private static Map<String, Object> normalizeMap(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>(CodePointOrder.INSTANCE);
    map.forEach((k, v) -> sorted.put(PyStr.str(k), normalize(v)));
    return sorted;
  }

  private static List<Object> normalizeList(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    list.forEach(v -> out.add(normalize(v)));
    return out;
  }

  private static Object normalizeScalar(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
        || JsonValues.isIntegral(value)) {
      return value;
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    return value.toString();
  }

  private static MessageDigest digest() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
