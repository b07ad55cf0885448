package dev.fp.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The operator API's OpenAPI 3 document, a resource of the jar served at {@code GET /v1/openapi.yaml} (no key: it is
 * documentation). {@code OpenApiDocTest} keeps it equal to the mounted {@code /v1/ops} routes.
 */
public final class OpenApiDoc {
  public static final String RESOURCE = "/openapi/fp-ops.yaml";
  public static final String PATH = "/v1/openapi.yaml";

  private OpenApiDoc() {
  }

  /** The document's bytes (blocking: a classpath read). */
  public static Buffer load() {
    try (InputStream in = OpenApiDoc.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("read " + RESOURCE, e);
    }
  }

  static void mount(Router router, Buffer doc) {
    router.get(PATH).handler(rc -> rc.response().putHeader("content-type", "application/yaml").end(doc));
  }
}
