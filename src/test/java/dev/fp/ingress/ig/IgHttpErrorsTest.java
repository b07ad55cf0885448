package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests IG refuses as a whole: 400, 401, 403, 413 — precise codes, JSON errors, nothing admitted. */
class IgHttpErrorsTest {
  @TempDir
  static Path dir;
  static IgHarness ig;

  @BeforeAll
  static void start() throws Exception {
    ig = IgHarness.start(dir, Map.of("body_limit_bytes", 65536, "max_batch_size", 5, "json_max_depth", 8));
  }

  @AfterAll
  static void stop() throws Exception {
    ig.close();
  }

  static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo(code);
  }

  @Test
  void shouldAnswer401WithoutAKeyOrWithAnUnknownOneOnEveryRoute() throws Exception {
    String body = Json.encode(IgSamples.traffic());
    for (String key : new String[] {null, "no-such-key"}) {
      assertError(ig.post(IgRoutes.PUSH, key, body), 401, "UNAUTHORIZED");
      assertError(ig.post(IgRoutes.BATCH, key, "[" + body + "]"), 401, "UNAUTHORIZED");
      HttpResponse<String> health = ig.get(IgRoutes.HEALTH, key);
      assertError(health, 401, "UNAUTHORIZED");
      assertThat(new JsonObject(health.body()).getString("detail")).isEqualTo("missing or unknown X-IG-Api-Key");
      assertError(ig.get(IgRoutes.LOOKUP + "?event_id=x", key), 401, "UNAUTHORIZED");
      assertError(ig.post(IgRoutes.RECONCILE, key, "{}"), 401, "UNAUTHORIZED");
    }
    assertThat(new JsonObject(ig.post(IgRoutes.PUSH, null, body).body()).containsKey("detail")).isTrue();
    assertThat(ig.get(IgRoutes.HEALTH, IgHarness.PLAIN_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer403WhenTheKeyMayNotProduceTheEventClass() throws Exception {
    HttpResponse<String> r = ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(IgSamples.decision("f".repeat(64))));
    assertError(r, 403, "FORBIDDEN");
    assertThat(new JsonObject(r.body()).getString("detail")).contains("rtdl_decision");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.DF_KEY, Json.encode(IgSamples.traffic())), 403, "FORBIDDEN");
    assertError(ig.post(IgRoutes.RECONCILE, IgHarness.WSP_KEY, "{\"dedupe_key\":\"x\"}"), 403, "FORBIDDEN");
  }

  @Test
  void shouldAnswer400ForBodiesThatAreNotOneJsonObject() throws Exception {
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "{\"event_id\": "), 400, "BODY_NOT_JSON");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "not json"), 400, "BODY_NOT_JSON");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "{} {}"), 400, "BODY_NOT_JSON");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "[]"), 400, "NOT_AN_OBJECT");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "\"envelope\""), 400, "NOT_AN_OBJECT");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, ""), 400, "BODY_NOT_JSON");
    assertError(ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, "{}"), 400, "NOT_AN_ARRAY");
  }

  @Test
  void shouldAnswer400ForDeeplyNestedJson() throws Exception {
    Map<String, Object> e = IgSamples.traffic();
    Map<String, Object> nested = new LinkedHashMap<>();
    Map<String, Object> cur = nested;
    for (int i = 0; i < 20; i++) {
      Map<String, Object> next = new LinkedHashMap<>();
      cur.put("n", next);
      cur = next;
    }
    e.put("payload", nested);
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e)), 400, "JSON_TOO_DEEP");
    assertError(ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, Json.encode(List.of(e))), 400, "JSON_TOO_DEEP");
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, "[".repeat(5000) + "]".repeat(5000)), 400, "JSON_TOO_DEEP");
  }

  @Test
  void shouldAnswer413ForOversizedBodiesAndBatches() throws Exception {
    Map<String, Object> e = IgSamples.traffic();
    e.put("producer", "x".repeat(70_000));
    assertError(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(e)), 413, "BODY_TOO_LARGE");
    List<Map<String, Object>> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(IgSamples.traffic());
    }
    assertError(ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, Json.encode(six)), 413, "BATCH_TOO_LARGE");
    assertThat(ig.post(IgRoutes.PUSH, IgHarness.WSP_KEY, Json.encode(IgSamples.traffic())).statusCode()).isEqualTo(200);
  }
}
