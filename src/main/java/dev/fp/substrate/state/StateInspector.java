package dev.fp.substrate.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator access to hot state without knowing a table's types ({@code fp state}, {@code GET /v1/ops/state}): lists
 * tables, reads one key, scans a key prefix. Keys are given as {@link KeyTuple} parts separated by {@code /}
 * ({@code platform_20261206T101500Z/PUBLISH_AMBIGUOUS}); a part {@code i:42} is the integer 42. A prefix matches whole
 * parts: {@code run} finds the keys whose first part is {@code run}. Rows come back as
 * {@code {"key": [parts…], "key_hex": …, "value": {…}}}; parts are shown as text when the key decodes as text parts,
 * otherwise only {@code key_hex} is given.
 */
public final class StateInspector {
  /** Rows a scan returns when no limit is given. */
  public static final int DEFAULT_LIMIT = 100;

  private StateInspector() {
  }

  /** {@code {"kind", "store", "tables": [...]}}. */
  public static Map<String, Object> tables(StateStore store) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", store.kind());
    out.put("store", store.description());
    out.put("tables", store.tableNames());
    return out;
  }

  /** {@code {"table", "key", "found", "value"}}. */
  public static Future<Map<String, Object>> get(StateStore store, String table, String key) {
    Table<byte[], JsonNode> t = table(store, table);
    byte[] encoded = encode(key);
    return store.get(t, encoded).map(v -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("table", table);
      out.putAll(row(encoded, v));
      out.put("found", v != null);
      return out;
    });
  }

  /** {@code {"table", "prefix", "limit", "rows": [...], "more": bool}}, rows in key order. */
  public static Future<Map<String, Object>> scan(StateStore store, String table, String prefix, int limit) {
    if (limit < 1 || limit > StateStores.MAX_SCAN_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + StateStores.MAX_SCAN_LIMIT);
    }
    Table<byte[], JsonNode> t = table(store, table);
    KeyRange range = prefix == null || prefix.isEmpty() ? KeyRange.all() : KeyRange.prefix(encode(prefix));
    return store.scan(t, range, limit + 1).map(rows -> {
      List<Map<String, Object>> out = new ArrayList<>();
      rows.stream().limit(limit).forEach(kv -> out.add(row(kv.key(), kv.value())));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("table", table);
      answer.put("prefix", prefix == null ? "" : prefix);
      answer.put("limit", limit);
      answer.put("rows", out);
      answer.put("more", rows.size() > limit);
      return answer;
    });
  }

  private static Table<byte[], JsonNode> table(StateStore store, String name) {
    if (!store.tableNames().contains(name)) {
      throw new IllegalArgumentException("no state table " + name + " in " + store.description() + " (tables: "
          + store.tableNames() + ")");
    }
    return Table.untyped(name);
  }

  /** The encoding of {@code a/b/i:3}. */
  static byte[] encode(String spec) {
    String[] parts = spec.split("/", -1);
    Object[] values = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      values[i] = p.startsWith("i:") ? (Object) parseLong(p) : p;
    }
    return KeyTuple.of(values);
  }

  private static Long parseLong(String part) {
    try {
      return Long.parseLong(part.substring(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key part " + part + ": i: must be followed by an integer");
    }
  }

  private static Map<String, Object> row(byte[] key, JsonNode value) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> parts = textParts(key);
    if (parts != null) {
      out.put("key", parts);
    }
    out.put("key_hex", HexFormat.of().formatHex(key));
    out.put("value", value);
    return out;
  }

  /** The key's parts when it decodes as a tuple of text parts, else null. */
  private static List<String> textParts(byte[] key) {
    try {
      KeyTuple.Reader r = KeyTuple.reader(key);
      List<String> parts = new ArrayList<>();
      while (!r.atEnd()) {
        parts.add(r.string());
      }
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
