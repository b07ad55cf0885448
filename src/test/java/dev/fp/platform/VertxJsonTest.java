package dev.fp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.JsonValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vert.x trees reach the contract only unwrapped, at any depth, and then hash like the equivalent plain map. */
class VertxJsonTest {
  @Test
  void shouldUnwrapNestedVertxTreesIntoPlainMapsAndLists() {
    JsonObject tree = new JsonObject("{\"z\":[1,2.5,\"\u00e9\",null],\"a\":{\"n\":12345678901234567890,\"t\":true}}")
        .put("w", new JsonArray().add(new JsonObject().put("k", 1)));

    assertThat(CanonicalJson.write(VertxJson.plain(tree))).isEqualTo(
        "{\"a\":{\"n\":12345678901234567890,\"t\":true},\"w\":[{\"k\":1}],\"z\":[1,2.5,\"\\u00e9\",null]}");
    assertThat(VertxJson.plain(new JsonArray().add(new JsonObject().put("k", 1)))).isEqualTo(List.of(Map.of("k", 1)));
  }

  @Test
  void shouldHashAnUnwrappedVertxPayloadLikeThePlainMap() {
    assertThat(Hashing.recipeHash("r.v1", VertxJson.plain(new JsonObject().put("b", new JsonArray().add(1).add(2.0)))))
        .isEqualTo(Hashing.recipeHash("r.v1", Map.of("b", List.of(1, 2.0))));
  }

  @Test
  void shouldRefuseAVertxTreeThatWasNotUnwrapped() {
    assertThatThrownBy(() -> JsonValues.plain(new JsonObject().put("a", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("json: unsupported value type JsonObject");
    assertThatThrownBy(() -> CanonicalJson.write(new JsonObject().put("a", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("canonical JSON: unsupported value type JsonObject");
  }
}
