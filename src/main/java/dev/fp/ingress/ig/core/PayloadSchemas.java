package dev.fp.ingress.ig.core;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Payload JSON Schemas (draft 2020-12) compiled once per ref and cached: the reference compiled on every push until
 * that became a hot spot. A payload its {@link SchemaShortcut} finds certainly valid skips the library (and the tree
 * conversion it needs); every other payload is judged, and its errors worded, by the library. {@code source} returns
 * a schema's text by ref (a classpath resource path in production). Thread-safe.
 */
public final class PayloadSchemas {
  private static final int MAX_ERRORS = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Function<String, String> source;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Map<String, Optional<SchemaShortcut>> shortcuts = new ConcurrentHashMap<>();

  public PayloadSchemas(Function<String, String> source) {
    this.source = source;
  }

  /** Compiles every ref now, so a missing or broken schema fails start-up instead of the first push. */
  public void compileAll(List<String> refs) {
    refs.forEach(this::schema);
  }

  /** Whether the ref's schema has a shortcut (the subset {@link SchemaShortcut} models). */
  boolean hasShortcut(String ref) {
    schema(ref);
    return shortcut(ref).isPresent();
  }

  /** The schema text parsed as plain JSON (for the run_config_digest). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> document(String ref) {
    return JSON.readValue(text(ref), Map.class);
  }

  /** Violations of the payload ({@code null} = absent payload, validated as JSON null); empty when valid. */
  public List<String> validate(String ref, Object payload) {
    Schema schema = schema(ref);
    Optional<SchemaShortcut> shortcut = shortcut(ref);
    if (shortcut.isPresent() && shortcut.get().surelyValid(payload)) {
      return List.of();
    }
    return errors(schema, payload);
  }

  /** The library's verdict alone (the shortcut's differential test compares against it). */
  List<String> libraryValidate(String ref, Object payload) {
    return errors(schema(ref), payload);
  }

  private static List<String> errors(Schema schema, Object payload) {
    JsonNode node = JSON.valueToTree(payload);
    List<Error> errors = schema.validate(node);
    List<String> out = new ArrayList<>(Math.min(errors.size(), MAX_ERRORS));
    for (int i = 0; i < errors.size() && i < MAX_ERRORS; i++) {
      out.add(errors.get(i).toString());
    }
    return out;
  }

  /** Compiled after the library compiled the schema, so a broken schema fails there, as it always did. */
  private Optional<SchemaShortcut> shortcut(String ref) {
    return shortcuts.computeIfAbsent(ref, r -> Optional.ofNullable(SchemaShortcut.compile(document(r))));
  }

  private Schema schema(String ref) {
    return compiled.computeIfAbsent(ref, r -> {
      try {
        return registry.getSchema(text(r));
      } catch (RuntimeException e) {
        throw new PolicyException("payload schema " + r + ": cannot compile: " + e.getMessage(), e);
      }
    });
  }

  private String text(String ref) {
    String text = source.apply(ref);
    if (text == null) {
      throw new PolicyException("payload schema " + ref + ": not found");
    }
    return text;
  }
}
