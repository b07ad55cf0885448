package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortableJsonTest {

  private static Map<String, Object> envelope(String key, Object value) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", "e1");
    e.put(key, value);
    return e;
  }

  @Test
  void aLoneSurrogateInAFieldIsNamedByItsPath() {
    PortableJson.Violation v = PortableJson.firstViolation(envelope("trace_id", "ab\ud800cd"));
    assertThat(v.code()).isEqualTo("INVALID_UNICODE");
    assertThat(v.detail()).isEqualTo("$.trace_id: holds an unpaired surrogate \\ud800 at index 2");
  }

  @Test
  void aLoneSurrogateDeepInThePayloadOrInAKeyIsFound() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("items", List.of("ok", Map.of("ts", "x\udfffy")));
    assertThat(PortableJson.firstViolation(envelope("payload", payload)).detail())
        .isEqualTo("$.payload.items[1].ts: holds an unpaired surrogate \\udfff at index 1");
    assertThat(PortableJson.firstViolation(envelope("payload", Map.of("k\ud800", 1))).detail())
        .isEqualTo("$.payload[\"k\\ud800\"]: key holds an unpaired surrogate \\ud800 at index 1");
  }

  @Test
  void nulIsRefusedBecausePostgresTextCannotHoldIt() {
    PortableJson.Violation v = PortableJson.firstViolation(envelope("event_id", "a\u0000"));
    assertThat(v.code()).isEqualTo("INVALID_UNICODE");
    assertThat(v.detail()).isEqualTo("$.event_id: holds U+0000 at index 1");
  }

  @Test
  void anInfiniteNumberIsOutOfRange() {
    PortableJson.Violation v = PortableJson.firstViolation(envelope("payload", Map.of("amount", Double.POSITIVE_INFINITY)));
    assertThat(v.code()).isEqualTo("NUMBER_OUT_OF_RANGE");
    assertThat(v.detail()).isEqualTo("$.payload.amount: number out of the double range (parsed as Infinity)");
  }

  @Test
  void portableValuesPass() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("emoji", "😀 é \uFFFF");
    payload.put("big", new BigInteger("123456789012345678901234567890"));
    payload.put("n", 1.5e308);
    payload.put("list", List.of(1, "two", Map.of("three", true)));
    payload.put("none", null);
    assertThat(PortableJson.firstViolation(envelope("payload", payload))).isNull();
  }
}
