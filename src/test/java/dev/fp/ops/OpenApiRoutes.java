package dev.fp.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The {@code /v1/ops} operations as {@code "GET /v1/ops/runs/{id}"} lines: documented in the OpenAPI file, or mounted. */
final class OpenApiRoutes {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private OpenApiRoutes() {
  }

  static Set<String> documented(String yaml) throws Exception {
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("paths");
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (!path.startsWith("/v1/ops")) {
        continue;
      }
      paths.get(path).fieldNames().forEachRemaining(m -> {
        if (METHODS.contains(m)) {
          out.add(m.toUpperCase(Locale.ROOT) + " " + path);
        }
      });
    }
    return out;
  }

  static Set<String> mounted(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route r : router.getRoutes()) {
      String path = r.getPath();
      if (path == null || !path.startsWith("/v1/ops") || r.methods() == null) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z_]+)", "{$1}");
      for (HttpMethod m : r.methods()) {
        out.add(m.name() + " " + openApiPath);
      }
    }
    return out;
  }
}
