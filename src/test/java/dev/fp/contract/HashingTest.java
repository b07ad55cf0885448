package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashingTest {

  @Test
  void shouldHashWithStandardSha256() {
    assertThat(Hashing.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldHashStringsAsUtf8() {
    assertThat(Hashing.sha256Hex("\u00e9")).isEqualTo(Hashing.sha256Hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
  }

  @Test
  void shouldBuildTheRecipePreimageOfCaseOpsObsSection0() {
    Map<String, Object> subject = Map.of("platform_run_id", "platform_20260101T000000Z",
        "event_class", "traffic_fraud", "event_id", "evt_0001");
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("recipe", "cm.case_id.v1");
    wrapped.put("payload", Hashing.normalize(subject));

    assertThat(CanonicalJson.write(wrapped)).isEqualTo("{\"payload\":{\"event_class\":\"traffic_fraud\","
        + "\"event_id\":\"evt_0001\",\"platform_run_id\":\"platform_20260101T000000Z\"},\"recipe\":\"cm.case_id.v1\"}");
    assertThat(Hashing.recipeId("cm.case_id.v1", subject)).isEqualTo("c8b6192fa298c1b2dcff2277614a4f08");
    assertThat(Hashing.recipeHash("cm.case_id.v1", subject)).startsWith("c8b6192fa298c1b2dcff2277614a4f08").hasSize(64);
  }

  @Test
  void shouldNormalizeKeysToPythonStringsAndSortThemRecursively() {
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put(2, "two");
    inner.put(true, "yes");
    inner.put(null, "none");
    inner.put(1.5, "float");
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("z", inner);
    outer.put("a", List.of(Map.of("y", 1, "x", 2)));

    assertThat(CanonicalJson.write(Hashing.normalize(outer))).isEqualTo(
        "{\"a\":[{\"x\":2,\"y\":1}],\"z\":{\"1.5\":\"float\",\"2\":\"two\",\"None\":\"none\",\"True\":\"yes\"}}");
  }

  @Test
  void shouldKeepJsonScalarsAndStringifyEverythingElse() {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("s", "x");
    payload.put("i", 7L);
    payload.put("f", 2.5f);
    payload.put("d", new BigDecimal("1.25"));
    payload.put("b", false);
    payload.put("n", null);
    payload.put("t", Instant.parse("2026-01-01T00:00:00Z"));
    payload.put("u", uuid);

    assertThat(CanonicalJson.write(Hashing.normalize(payload))).isEqualTo("{\"b\":false,\"d\":1.25,\"f\":2.5,\"i\":7,"
        + "\"n\":null,\"s\":\"x\",\"t\":\"2026-01-01T00:00:00Z\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\"}");
  }

  @Test
  void shouldHashJacksonPayloadsLikePlainMaps() throws Exception {
    String json = "{\"b\":[1,2.0],\"a\":{\"k\":null}}";
    String expected = Hashing.recipeHash("r.v1", Map.of("a", mapWithNull("k"), "b", List.of(1, 2.0)));

    assertThat(Hashing.recipeHash("r.v1", Json.readTree(json))).isEqualTo(expected);
  }

  @Test
  void shouldHashCanonicalFormWithoutNormalizing() {
    assertThat(Hashing.canonicalHash(Map.of("a", 1))).isEqualTo(Hashing.sha256Hex("{\"a\":1}"));
  }

  private static Map<String, Object> mapWithNull(String key) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, null);
    return map;
  }
}
