package dev.fp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** A buffer that grew past this is not kept for the thread's next document (one huge value must not pin memory). */
  private static final int KEEP_MAX = 1 << 20;
  /** The form is ASCII only, so it is built as bytes in a per-thread buffer: no String to re-encode, no regrowth. */
  private static final ThreadLocal<Ascii> BUFFER = ThreadLocal.withInitial(() -> new Ascii(1024));

  private CanonicalJson() {
  }

  public static String write(Object value) {
    Ascii out = render(value, false);
    try {
      return new String(out.buf, 0, out.size, StandardCharsets.ISO_8859_1);
    } finally {
      release(out);
    }
  }

  /** The canonical form as ASCII bytes (what hashes are computed over). */
  public static byte[] bytes(Object value) {
    Ascii out = render(value, false);
    try {
      return Arrays.copyOf(out.buf, out.size);
    } finally {
      release(out);
    }
  }

  /** Feeds the canonical form of {@code value} to {@code digest} without materialising it. */
  static void digest(Object value, MessageDigest digest) {
    Ascii out = render(value, false);
    try {
      digest.update(out.buf, 0, out.size);
    } finally {
      release(out);
    }
  }

  /** The object-store form: canonical JSON plus a trailing newline. */
  public static String writeLine(Object value) {
    Ascii out = render(value, true);
    try {
      return new String(out.buf, 0, out.size, StandardCharsets.ISO_8859_1);
    } finally {
      release(out);
    }
  }

  public static byte[] lineBytes(Object value) {
    Ascii out = render(value, true);
    try {
      return Arrays.copyOf(out.buf, out.size);
    } finally {
      release(out);
    }
  }

  private static Ascii render(Object value, boolean newline) {
    Ascii out = BUFFER.get();
    if (out.inUse) {
      out = new Ascii(1024);
    }
    out.inUse = true;
    out.size = 0;
    try {
      writeValue(out, value);
    } catch (RuntimeException e) {
      release(out);
      throw e;
    }
    if (newline) {
      out.put('\n');
    }
    return out;
  }

  private static void release(Ascii out) {
    out.inUse = false;
    if (out.buf.length > KEEP_MAX) {
      BUFFER.remove();
    }
  }

  /** A growable ASCII byte buffer. */
  private static final class Ascii {
    byte[] buf;
    int size;
    boolean inUse;

    Ascii(int capacity) {
      buf = new byte[capacity];
    }

    void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    void put(char c) {
      room(1);
      buf[size++] = (byte) c;
    }

    /** {@code s} is ASCII (a number, a literal). */
    void put(String s) {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) s.charAt(i);
      }
    }
  }

  private static void writeValue(Ascii out, Object value) {
    if (value == null) {
      out.put("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Boolean b) {
      out.put(b ? "true" : "false");
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

  private static void writeOther(Ascii out, Object value) {
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

  private static void writeNumber(Ascii out, Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
        || n instanceof Byte || n instanceof AtomicInteger || n instanceof AtomicLong) {
      out.put(n.toString());
    } else if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      out.put(PyFloat.repr(n.doubleValue()));
    } else {
      throw new IllegalArgumentException("canonical JSON: unsupported number type " + JsonValues.typeName(n));
    }
  }

  private static void writeObject(Ascii out, Map<?, ?> map) {
    String[] keys = new String[map.size()];
    int i = 0;
    boolean sorted = true;
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw new IllegalArgumentException(
            "canonical JSON: object key must be a string, got " + JsonValues.typeName(key));
      }
      if (i > 0 && sorted && CodePointOrder.INSTANCE.compare(keys[i - 1], s) > 0) {
        sorted = false;
      }
      keys[i++] = s;
    }
    if (!sorted) {
      // maps read from canonical text are already in order: sorting is for the others
      Arrays.sort(keys, CodePointOrder.INSTANCE);
    }
    out.put('{');
    for (int k = 0; k < keys.length; k++) {
      if (k > 0) {
        out.put(',');
      }
      writeString(out, keys[k]);
      out.put(':');
      writeValue(out, map.get(keys[k]));
    }
    out.put('}');
  }

  private static void writeArray(Ascii out, List<?> list) {
    out.put('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.put(',');
      }
      writeValue(out, list.get(i));
    }
    out.put(']');
  }

  /** Python's {@code py_encode_basestring_ascii}: printable ASCII kept, {@code " \\} and controls escaped. */
  private static void writeString(Ascii out, String s) {
    int n = s.length();
    out.room(n + 2);
    out.buf[out.size++] = '"';
    // the common case (ids, hashes, timestamps) in locals: a field store per character kept the loop from compiling
    // to a plain copy
    byte[] b = out.buf;
    int at = out.size;
    int plain = 0;
    while (plain < n) {
      char c = s.charAt(plain);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        break;
      }
      b[at++] = (byte) c;
      plain++;
    }
    out.size = at;
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.buf[out.size++] = (byte) c;
      } else {
        // an escape takes up to six bytes instead of one: room for it and for the rest of the string
        out.room(6 + n - i);
        writeEscape(out, c);
      }
    }
    out.buf[out.size++] = '"';
  }

  private static void writeEscape(Ascii out, char c) {
    switch (c) {
      case '"' -> out.put("\\\"");
      case '\\' -> out.put("\\\\");
      case '\n' -> out.put("\\n");
      case '\r' -> out.put("\\r");
      case '\t' -> out.put("\\t");
      case '\b' -> out.put("\\b");
      case '\f' -> out.put("\\f");
      default -> {
        byte[] b = out.buf;
        int at = out.size;
        b[at] = '\\';
        b[at + 1] = 'u';
        b[at + 2] = HEX[c >> 12 & 0xf];
        b[at + 3] = HEX[c >> 8 & 0xf];
        b[at + 4] = HEX[c >> 4 & 0xf];
        b[at + 5] = HEX[c & 0xf];
        out.size = at + 6;
      }
    }
  }
}
