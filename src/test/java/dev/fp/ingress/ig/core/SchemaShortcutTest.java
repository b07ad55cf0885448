package dev.fp.ingress.ig.core;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload-schema shortcut against the schema library: over every shipped payload schema, a valid instance built
 * from the schema and every single-field mutation of it (each property removed, or replaced by each of a set of
 * awkward values: wrong types, bounds, patterns with line terminators and non-ASCII digits, doubles, big integers),
 * the shortcut never calls a payload valid that the library refuses, and it does accept the valid instances (else it
 * would be no shortcut).
 */
class SchemaShortcutTest {
  private static final String HEX64 = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  private static final String HEX32 = "7e0847b8622533045c5b69bce61c88bd";
  private static final String TS = "2026-01-01T00:00:01.000000Z";
  private static final String RUN = "platform_20260210T091951Z";
  private static final List<String> STRINGS = List.of(HEX64, HEX32, TS, RUN, "baseline_v1");
  private static final List<Object> AWKWARD = Arrays.asList(null, true, false, 0, -1, 1, 7, Long.MAX_VALUE,
      Long.MIN_VALUE, BigInteger.TWO.pow(64), BigInteger.TWO.pow(64).negate(), 0.0, 1.0, -1.0, 2.5, -0.5, "", "x",
      HEX64, HEX64 + "\n", "\n" + HEX64, HEX64.toUpperCase(), HEX64.substring(1) + "\u0663", HEX32, HEX32 + "\n", TS,
      TS + "\n", TS.replace('0', '\u0660'), RUN, RUN + "\n", RUN.replace('1', '\u0661'), "AUTH_REQUEST", "AUTH_RESPONSE", "card_present", "DECISION", List.of(),
      List.of("a"), List.of(1), List.of(Map.of()), Map.of(), Map.of("unexpected", 1));
  private final PayloadSchemas schemas = IgSamples.schemas();

  @Test
  void everyShippedPayloadSchemaHasAShortcut() {
    for (String ref : IgSamples.policy().payloadSchemaRefs()) {
      assertThat(schemas.hasShortcut(ref)).as(ref).isTrue();
    }
  }

  @Test
  void theShortcutNeverAcceptsWhatTheLibraryRefusesAndAcceptsTheValidInstances() {
    int judged = 0;
    int shortcut = 0;
    for (String ref : IgSamples.policy().payloadSchemaRefs()) {
      Map<String, Object> doc = schemas.document(ref);
      Object valid = instance(doc, doc);
      assertThat(schemas.libraryValidate(ref, valid)).as(ref + " valid instance " + valid).isEmpty();
      assertThat(schemas.validate(ref, valid)).isEmpty();
      assertThat(SchemaShortcut.compile(doc).surelyValid(valid)).as(ref + " shortcut on " + valid).isTrue();
      for (Object variant : variants(valid, doc, doc)) {
        List<String> library = schemas.libraryValidate(ref, variant);
        boolean fast = SchemaShortcut.compile(doc).surelyValid(variant);
        if (fast) {
          assertThat(library).as(ref + " shortcut accepted " + variant).isEmpty();
          shortcut++;
        }
        assertThat(schemas.validate(ref, variant)).as(ref + " " + variant).isEqualTo(library);
        judged++;
      }
    }
    assertThat(judged).isGreaterThan(2000);
    assertThat(shortcut).isGreaterThan(100);
  }

  @Test
  void theSampleEnvelopesPayloadsTakeTheShortcut() {
    Map<String, Object> doc = schemas.document("schemas/payloads/s3_event_stream_with_fraud_6B.schema.json");
    assertThat(SchemaShortcut.compile(doc).surelyValid(IgSamples.traffic().get("payload"))).isTrue();
  }

  @Test
  void keywordsOutsideTheSubsetLeaveTheSchemaToTheLibrary() {
    assertThat(SchemaShortcut.compile(Map.of("type", "object", "oneOf", List.of()))).isNull();
    assertThat(SchemaShortcut.compile(Map.of("type", "string", "pattern", "^\\p{L}+$"))).isNull();
    assertThat(SchemaShortcut.compile(Map.of("additionalProperties", Map.of("type", "string")))).isNull();
    assertThat(SchemaShortcut.compile(Map.of("minimum", 0.5))).isNull();
    assertThat(SchemaShortcut.compile(Map.of("$ref", "other.json#/x"))).isNull();
    assertThat(SchemaShortcut.compile(Map.of("properties", Map.of("a", Map.of("$id", "x", "type", "string")))))
        .isNull();
    assertThat(SchemaShortcut.compile(Map.of("type", "integer"))).isNotNull();
  }

  @Test
  void anotherPatternGoesThroughTheRegexEngineOnPrintableAsciiOnly() {
    SchemaShortcut shortcut = SchemaShortcut.compile(Map.of("type", "string", "pattern", "^v[0-9]+$"));
    assertThat(shortcut.surelyValid("v12")).isTrue();
    assertThat(shortcut.surelyValid("v12\n")).isFalse();
    assertThat(shortcut.surelyValid("v\u0661")).isFalse();
    assertThat(shortcut.surelyValid("x12")).isFalse();
  }

  /** The valid instance and every mutation of one of its fields, at every depth. */
  private static List<Object> variants(Object valid, Map<String, Object> schema, Map<String, Object> root) {
    List<Object> out = new ArrayList<>(AWKWARD);
    Map<String, Object> s = resolve(schema, root);
    if (valid instanceof Map<?, ?> map) {
      Map<String, Object> props = objectOr(s.get("properties"));
      Map<String, Object> extra = new LinkedHashMap<>(cast(map));
      extra.put("not_in_the_schema", "x");
      out.add(extra);
      for (Object key : map.keySet()) {
        Map<String, Object> removed = new LinkedHashMap<>(cast(map));
        removed.remove(key);
        out.add(removed);
        Map<String, Object> propSchema = objectOr(props.get(key));
        for (Object replacement : variants(map.get(key), propSchema, root)) {
          Map<String, Object> changed = new LinkedHashMap<>(cast(map));
          changed.put((String) key, replacement);
          out.add(changed);
        }
      }
    } else if (valid instanceof List<?> list && !list.isEmpty()) {
      for (Object replacement : variants(list.get(0), objectOr(s.get("items")), root)) {
        out.add(Arrays.asList(replacement));
      }
    }
    return out;
  }

  /** A valid instance of a (sub)schema: all properties present, the first type, enum value or fitting string. */
  private static Object instance(Map<String, Object> schema, Map<String, Object> root) {
    Map<String, Object> s = resolve(schema, root);
    if (s.get("enum") instanceof List<?> values) {
      return values.get(0);
    }
    Object type = s.get("type");
    String first = type instanceof List<?> types ? (String) types.get(0) : (String) type;
    if (first == null) {
      return "x";
    }
    return switch (first) {
      case "string" -> STRINGS.stream().filter(c -> !(s.get("pattern") instanceof String p)
          || java.util.regex.Pattern.compile(p).matcher(c).find()).findFirst().orElseThrow();
      case "integer" -> s.get("minimum") instanceof Number n ? Math.max(n.longValue(), 3) : 3;
      case "number" -> 12.5;
      case "boolean" -> true;
      case "array" -> s.get("items") instanceof Map<?, ?> items ? List.of(instance(cast(items), root)) : List.of();
      case "object" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        objectOr(s.get("properties")).forEach((k, v) -> out.put(k, instance(cast(v), root)));
        yield out;
      }
      default -> null;
    };
  }

  private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> root) {
    if (schema.get("$ref") instanceof String ref) {
      Map<String, Object> target = cast(objectOr(root.get("$defs")).get(ref.substring("#/$defs/".length())));
      Map<String, Object> merged = new LinkedHashMap<>(target);
      schema.forEach((k, v) -> {
        if (!k.equals("$ref")) {
          merged.put(k, v);
        }
      });
      return merged;
    }
    return schema;
  }

  private static Map<String, Object> objectOr(Object v) {
    return v instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object m) {
    return (Map<String, Object>) m;
  }
}
