package dev.fp.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.Map;

/**
 * The platform's one Jackson configuration: every JSON and YAML document is read and written through here, so no two
 * places can read the same bytes differently, and ids and hashes (computed by {@link CanonicalJson} over values read
 * here) cannot drift by a setting. The mappers stay private; callers get immutable readers and writers.
 *
 * <p>Settings, and why:
 * <ul>
 *   <li>a key twice in one object is an error ({@code STRICT_DUPLICATE_DETECTION}), not "the last one wins": a
 *       document that says two things is refused rather than silently read one way;
 *   <li>anything after the value is an error ({@code FAIL_ON_TRAILING_TOKENS}): {@code {"a":1}x} is not a document;
 *   <li>integers stay integers (Integer, Long or BigInteger by size) and a number with a fraction or exponent is a
 *       Double, as Python's {@code json.loads} reads them, never a BigDecimal ({@link JsonValues});
 *   <li>{@code NaN}/{@code Infinity} tokens are refused (they are not JSON and have no canonical form);
 *   <li>YAML (config, policies, interface packs) is read with the same rules;
 *   <li>the artifact writer ({@link #writePretty}) sorts keys and record properties, escapes non-ASCII and indents
 *       2, so operator files diff cleanly. The compact writer keeps map order.
 * </ul>
 * Thread-safe.
 */
public final class Json {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };
  private static final JsonMapper MAPPER = strict(JsonMapper.builder()).build();
  private static final JsonMapper SORTED = strict(JsonMapper.builder())
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
  private static final YAMLMapper YAML = strict(YAMLMapper.builder()).build();
  private static final ObjectReader OBJECT = MAPPER.readerFor(MAP);
  private static final ObjectWriter SORTED_LINE = SORTED.writer()
      .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).with(JsonWriteFeature.ESCAPE_NON_ASCII);
  private static final ObjectWriter PRETTY = SORTED_LINE.with(SerializationFeature.INDENT_OUTPUT);

  private Json() {
  }

  private static <M extends MapperBuilder<?, ?>> M strict(M builder) {
    builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    if (builder instanceof JsonMapper.Builder json) {
      json.disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    }
    return builder;
  }

  /** The JSON object in {@code bytes} as plain values; fails when the text is not JSON or not an object. */
  public static Map<String, Object> readObject(byte[] bytes) throws IOException {
    return object(OBJECT.readValue(bytes));
  }

  public static Map<String, Object> readObject(byte[] bytes, int offset, int length) throws IOException {
    return object(OBJECT.readValue(bytes, offset, length));
  }

  public static Map<String, Object> readObject(String text) throws IOException {
    return object(OBJECT.readValue(text));
  }

  public static <T> T read(String text, TypeReference<T> type) throws IOException {
    return MAPPER.readValue(text, type);
  }

  public static JsonNode readTree(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  public static JsonNode readTree(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** The YAML mapping in {@code bytes} as plain values; fails when it is not YAML or not a mapping. */
  public static Map<String, Object> readYamlObject(byte[] bytes) throws IOException {
    return object(YAML.readValue(bytes, MAP));
  }

  public static JsonNode readYamlTree(String text) throws JsonProcessingException {
    return YAML.readTree(text);
  }

  /** Compact JSON, map order kept (log lines, journals, wire bodies; ids and hashes use {@link CanonicalJson}). */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json: cannot write " + JsonValues.typeName(value) + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** The artifact form: sorted keys, ASCII, indent 2 (no trailing newline). */
  public static String writePretty(Object value) {
    return write(PRETTY, value);
  }

  /** The journal-line form: sorted keys, ASCII, on one line. */
  public static String writeSortedLine(Object value) {
    return write(SORTED_LINE, value);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json: cannot write " + JsonValues.typeName(value) + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** A record or bean as the JSON object it serialises to (e.g. a config record, for its digest). */
  public static Map<String, Object> toObject(Object value) {
    return MAPPER.convertValue(value, MAP);
  }

  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static Map<String, Object> object(Map<String, Object> value) throws IOException {
    if (value == null) {
      throw new IOException("expected a JSON object, got null");
    }
    return value;
  }
}
