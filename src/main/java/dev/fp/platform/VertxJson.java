package dev.fp.platform;

import dev.fp.contract.JsonValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge between Vert.x JSON and the contract: {@code contract} takes plain maps, lists and scalars only, so a
 * {@link JsonObject}/{@link JsonArray} (an event-bus body, a parsed HTTP body) is unwrapped here first, at any depth.
 */
public final class VertxJson {
  private VertxJson() {
  }

  /** Plain JSON values of {@code value} (see {@link JsonValues#plain}), with every Vert.x tree unwrapped. */
  public static Object plain(Object value) {
    return JsonValues.plain(unwrap(value));
  }

  private static Object unwrap(Object value) {
    if (value instanceof JsonObject object) {
      return unwrap(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return unwrap(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, unwrap(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(unwrap(v)));
      return copy;
    }
    return value;
  }
}
