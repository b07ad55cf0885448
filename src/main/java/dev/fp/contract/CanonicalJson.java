package dev.fp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Canonical JSON, byte-identical to Python's {@code json.dumps(v, sort_keys=True, ensure_ascii=True,
 * separators=(",", ":"))}: keys sorted by code point, no whitespace, ASCII only (other characters as lower-case
 * {@code \\uXXXX}, supplementary characters as their surrogate pair), integers in plain decimal, floats as
 * {@link PyFloat#repr}. Every id and hash of the platform is computed over this form.
 *
 * <p>Accepts null, String/CharSequence/Character, Boolean, Integer/Long/Short/Byte/BigInteger (and the atomic
 * variants), Double/Float, BigDecimal (written as the float it denotes, see {@link JsonValues}), Map with String keys,
 * List, Object[] and Jackson {@link JsonNode} (other JSON libraries' trees are converted at the edge, e.g. Vert.x's
 * with {@code JsonObject.getMap()}). Anything else, a non-string key, or a NaN/infinite float fails with
 * {@link IllegalArgumentException}. Pure and thread-safe.
 */
public final class CanonicalJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {
  }

  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    writeValue(out, value);
    return out.toString();
  }

  /** The canonical form as ASCII bytes (what hashes are computed over). */
  public static byte[] bytes(Object value) {
    return write(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** The object-store form: canonical JSON plus a trailing newline. */
  public static String writeLine(Object value) {
    StringBuilder out = new StringBuilder(256);
    writeValue(out, value);
    return out.append('\n').toString();
  }

  public static byte[] lineBytes(Object value) {
    return writeLine(value).getBytes(StandardCharsets.US_ASCII);
  }

  static void writeValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      writeNumber(out, n);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map);
    } else if (value instanceof List<?> list) {
      writeArray(out, list);
    } else {
      writeOther(out, value);
    }
  }

  private static void writeOther(StringBuilder out, Object value) {
    if (value instanceof JsonNode node) {
      writeValue(out, JsonValues.plain(node));
    } else if (value instanceof Object[] array) {
      writeArray(out, List.of(array));
    } else if (value instanceof CharSequence || value instanceof Character) {
      writeString(out, value.toString());
    } else {
      throw new IllegalArgumentException("canonical JSON: unsupported value type " + JsonValues.typeName(value));
    }
  }

  private static void writeNumber(StringBuilder out, Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
        || n instanceof Byte || n instanceof AtomicInteger || n instanceof AtomicLong) {
      out.append(n.toString());
    } else if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      out.append(PyFloat.repr(n.doubleValue()));
    } else {
      throw new IllegalArgumentException("canonical JSON: unsupported number type " + JsonValues.typeName(n));
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map) {
    String[] keys = new String[map.size()];
    int i = 0;
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw new IllegalArgumentException(
            "canonical JSON: object key must be a string, got " + JsonValues.typeName(key));
      }
      keys[i++] = s;
    }
    Arrays.sort(keys, CodePointOrder.INSTANCE);
    out.append('{');
    for (int k = 0; k < keys.length; k++) {
      if (k > 0) {
        out.append(',');
      }
      writeString(out, keys[k]);
      out.append(':');
      writeValue(out, map.get(keys[k]));
    }
    out.append('}');
  }

  private static void writeArray(StringBuilder out, List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeValue(out, list.get(i));
    }
    out.append(']');
  }

  /** Python's {@code py_encode_basestring_ascii}: printable ASCII kept, {@code " \\} and controls escaped. */
  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      } else {
        writeEscape(out, c);
      }
    }
    out.append('"');
  }

  private static void writeEscape(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
          .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
  }
}
