package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings were produced by Python's json.dumps(sort_keys=True, ensure_ascii=True, separators=(",",":")). */
class CanonicalJsonTest {

  @Test
  void shouldWriteTheArchitectureFloatVectorLikePython() {
    List<Double> values = List.of(0.1, 1e-5, 100.0, 1e16, 1e22, 123456789.123, 2.5e-7, 4.9e-324, Double.MAX_VALUE,
        0.1 + 0.2, 12.5, 1e23);

    assertThat(CanonicalJson.write(values)).isEqualTo("[0.1,1e-05,100.0,1e+16,1e+22,123456789.123,2.5e-07,5e-324,"
        + "1.7976931348623157e+308,0.30000000000000004,12.5,1e+23]");
  }

  @Test
  void shouldWriteTheArchitectureMapVectorLikePython() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", "é");
    map.put("c", Arrays.asList(1.0, null, true));

    assertThat(CanonicalJson.write(map)).isEqualTo("{\"a\":\"\\u00e9\",\"b\":1,\"c\":[1.0,null,true]}");
  }

  @Test
  void shouldSortKeysByCodePointNotByUtf16Unit() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("\ufb01", 1);
    map.put("\ud83d\ude00", 2);
    map.put("z", 3);
    map.put("\uffff", 4);
    map.put("a", 5);

    assertThat(CanonicalJson.write(map))
        .isEqualTo("{\"a\":5,\"z\":3,\"\\ufb01\":1,\"\\uffff\":4,\"\\ud83d\\ude00\":2}");
  }

  @Test
  void shouldOrderLoneSurrogatesAsTheirOwnCodePointsLikePython() {
    Map<String, Object> map = new LinkedHashMap<>();
    String[] keys = {"\ud83d\ude00", "\ud83d\uffff", "\ud83da", "\ud83d\ud83d\ude00", "\ud83d", "\ue000",
        "\ud83d\ude01"};
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], i);
    }

    assertThat(CanonicalJson.write(map)).isEqualTo("{\"\\ud83d\":4,\"\\ud83da\":2,\"\\ud83d\\uffff\":1,"
        + "\"\\ud83d\\ud83d\\ude00\":3,\"\\ue000\":5,\"\\ud83d\\ude00\":0,\"\\ud83d\\ude01\":6}");
  }

  @Test
  void shouldEscapeStringsExactlyAsPythonEnsureAscii() {
    String text = "q\"b\\s/\n\r\t\b\f\u0001\u001f\u007f \u00e9\u20ac\ud83d\ude00\ud800";

    assertThat(CanonicalJson.write(List.of(text)))
        .isEqualTo("[\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f \\u00e9\\u20ac\\ud83d\\ude00\\ud800\"]");
  }

  @Test
  void shouldWriteIntegersInPlainDecimal() {
    List<Object> values = List.of(Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.ONE.shiftLeft(64), -7, (short) 0);

    assertThat(CanonicalJson.write(values))
        .isEqualTo("[9223372036854775807,-9223372036854775808,18446744073709551616,-7,0]");
  }

  @Test
  void shouldSortNestedObjectsAndKeepEmptyContainers() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("y", List.of());
    inner.put("x", Map.of());
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", inner);
    map.put("a", Arrays.asList(null, true, false, 1.5, -0.0));

    assertThat(CanonicalJson.write(map)).isEqualTo("{\"a\":[null,true,false,1.5,-0.0],\"b\":{\"x\":{},\"y\":[]}}");
  }

  @Test
  void shouldWriteJacksonTreesLikeTheEquivalentMap() throws Exception {
    String json = "{\"z\":[1,2.5,\"\u00e9\",null],\"a\":{\"n\":12345678901234567890,\"t\":true}}";
    String expected = "{\"a\":{\"n\":12345678901234567890,\"t\":true},\"z\":[1,2.5,\"\\u00e9\",null]}";

    assertThat(CanonicalJson.write(Json.readTree(json))).isEqualTo(expected);
  }

  @Test
  void shouldWriteBigDecimalAsTheFloatPythonWouldHaveParsed() {
    assertThat(CanonicalJson.write(List.of(new BigDecimal("12.50"), new BigDecimal("1E+2"))))
        .isEqualTo("[12.5,100.0]");
  }

  @Test
  void shouldAppendNewlineInObjectStoreForm() {
    assertThat(CanonicalJson.writeLine(Map.of("k", "v"))).isEqualTo("{\"k\":\"v\"}\n");
    assertThat(CanonicalJson.lineBytes(Map.of("k", "é")))
        .isEqualTo("{\"k\":\"\\u00e9\"}\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void shouldProduceAsciiBytes() {
    byte[] bytes = CanonicalJson.bytes(Map.of("k", "\u4e2d\ud83d\ude00"));

    assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("{\"k\":\"\\u4e2d\\ud83d\\ude00\"}");
    for (byte b : bytes) {
      assertThat(b).isBetween((byte) 0x20, (byte) 0x7e);
    }
  }

  @Test
  void shouldRejectNonFiniteFloats() {
    assertThatThrownBy(() -> CanonicalJson.write(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectNonStringKeysAndUnsupportedValues() {
    assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key must be a string");
    assertThatThrownBy(() -> CanonicalJson.write(List.of(Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Instant");
  }

  @Test
  void shouldWriteDocumentsLargerThanItsBufferAndUnsortedMapsTheSameAsSortedOnes() {
    String big = "x\"\u00e9\n".repeat(2_000);
    Map<String, Object> unsorted = new LinkedHashMap<>();
    unsorted.put("b", big);
    unsorted.put("a", List.of(1, 2));
    Map<String, Object> sorted = new java.util.TreeMap<>(unsorted);

    String expected = "{\"a\":[1,2],\"b\":\"" + "x\\\"\\u00e9\\n".repeat(2_000) + "\"}";
    assertThat(CanonicalJson.write(unsorted)).isEqualTo(expected);
    assertThat(CanonicalJson.write(sorted)).isEqualTo(expected);
    assertThat(CanonicalJson.bytes(unsorted)).isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
    assertThat(CanonicalJson.writeLine(Map.of("k", 1))).isEqualTo("{\"k\":1}\n");
    assertThat(Hashing.canonicalHash(unsorted)).isEqualTo(Hashing.sha256Hex(expected));
  }
}
