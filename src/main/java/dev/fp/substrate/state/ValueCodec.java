package dev.fp.substrate.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a table's values into a JSON document (UTF-8 bytes) and back. PostgreSQL stores the document as
 * {@code jsonb}, so an operator can query it with SQL; RocksDB stores the bytes. Encoding runs when a batch is
 * committed: a codec that throws fails that commit and nothing of the batch is written. PostgreSQL's jsonb refuses
 * the character U+0000 inside strings (the commit fails there), so values must not carry it; keys may hold any bytes.
 */
public interface ValueCodec<V> {

  byte[] encode(V value);

  V decode(byte[] bytes);

  /** Records, POJOs and maps through Jackson (unknown properties are ignored when reading). */
  static <V> ValueCodec<V> json(Class<V> type) {
    return new Json<>(Json.MAPPER.constructType(type));
  }

  /** Generic types through Jackson, e.g. {@code new TypeReference<Map<String, Long>>() {}}. */
  static <V> ValueCodec<V> json(TypeReference<V> type) {
    return new Json<>(Json.MAPPER.constructType(type));
  }

  /** Any JSON document as a tree. */
  static ValueCodec<JsonNode> jsonNode() {
    return json(JsonNode.class);
  }

  /** The Jackson codec behind {@link #json}; reader and writer are resolved once per type. */
  final class Json<V> implements ValueCodec<V> {
    /** Blackbird replaces reflective property access by generated lambdas: the bytes written are the same. */
    static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .registerModule(new BlackbirdModule());
    private final JavaType type;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    private Json(JavaType type) {
      this.type = type;
      this.writer = MAPPER.writerFor(type);
      this.reader = MAPPER.readerFor(type);
    }

    @Override
    public byte[] encode(V value) {
      try {
        return writer.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode " + type + " as JSON: " + e.getMessage(), e);
      }
    }

    @Override
    public V decode(byte[] bytes) {
      try {
        return reader.readValue(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot decode " + type + " from JSON: " + e.getMessage(), e);
      }
    }
  }
}
