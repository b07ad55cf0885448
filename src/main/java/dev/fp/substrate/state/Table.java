package dev.fp.substrate.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * A named table of a {@link StateStore}: typed keys and values with their codecs. On RocksDB a table is a column
 * family named {@code name}; on PostgreSQL the table {@code st_<name>} with columns {@code key bytea} and
 * {@code value jsonb}. Keys are ordered by the unsigned bytes their codec produces, on both adapters. The stream
 * shell's batch overlay matches keys by {@code equals} (encoding each once per commit), so a key type's equality must
 * agree with its encoding: records of strings and numbers, strings, or byte[] (compared by content) do.
 *
 * @param name {@code [a-z][a-z0-9_]{0,40}}, not {@code default} (RocksDB's own column family)
 */
public record Table<K, V>(String name, KeyCodec<K> keys, ValueCodec<V> values) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

  public Table {
    if (name == null || !NAME.matcher(name).matches() || name.equals("default")) {
      throw new IllegalArgumentException("state table name must match " + NAME + " and not be default, got \""
          + name + "\"");
    }
    if (keys == null || values == null) {
      throw new IllegalArgumentException("state table " + name + ": key and value codecs are required");
    }
  }

  /** Any table read as raw key bytes and JSON documents (operator tools that know only the table's name). */
  public static Table<byte[], JsonNode> untyped(String name) {
    return new Table<>(name, KeyCodec.bytes(), ValueCodec.jsonNode());
  }
}
