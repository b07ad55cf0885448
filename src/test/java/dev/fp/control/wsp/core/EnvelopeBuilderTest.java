package dev.fp.control.wsp.core;

import dev.fp.contract.EnvelopeValidator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeBuilderTest {
  static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  static final String OUTPUT = "s3_event_stream_with_fraud_6B";
  static final List<String> PK = List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id", "event_seq");
  static final StreamPins PINS = new StreamPins(MF, PH, 42, "baseline_v1", "a".repeat(32),
      "platform_20260210T091951Z", "7e0847b8622533045c5b69bce61c88bd", "f".repeat(64), "engine-v1");

  static Map<String, Object> row(Object ts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("flow_id", 1001L);
    row.put("event_seq", 0L);
    row.put("event_type", "AUTH_REQUEST");
    row.put("ts_utc", ts);
    row.put("amount", 12.5);
    row.put("seed", 42L);
    row.put("manifest_fingerprint", MF);
    row.put("parameter_hash", PH);
    row.put("scenario_id", "baseline_v1");
    row.put("fraud_flag", false);
    row.put("campaign_id", null);
    return row;
  }

  static Map<?, ?> parse(String json) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
  }

  @Test
  void shouldDeriveTheReferenceEventIdVector() {
    StreamEvent e = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "part-000000.parquet", 0,
        row("2026-01-01T00:00:00.000000Z"));

    assertThat(e.eventId()).isEqualTo("6602a30cec18d1d34042974851e944b1af4a0698b9868d6e8200709f80b3738d");
  }

  @Test
  void shouldProduceExactlyTheWspEnvelopeKeySet() throws Exception {
    StreamEvent e = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "part-000000.parquet", 7,
        row("2026-01-01T00:00:00.000000Z"));

    assertThat(e.envelope().toJson().keySet()).containsExactlyInAnyOrder("event_id", "event_type", "schema_version",
        "ts_utc", "manifest_fingerprint", "parameter_hash", "seed", "scenario_id", "run_id", "platform_run_id",
        "scenario_run_id", "producer", "payload", "trace_id", "span_id");
    Map<String, Object> json = e.envelope().toJson();
    assertThat(json.get("event_type")).isEqualTo(OUTPUT);
    assertThat(json.get("schema_version")).isEqualTo("v1");
    assertThat(json.get("producer")).isEqualTo("svc:world_stream_producer");
    assertThat(json.get("trace_id")).isEqualTo("f".repeat(64));
    assertThat(json.get("span_id")).isEqualTo("engine-v1");
    assertThat(json.get("run_id")).isEqualTo("a".repeat(32));
    assertThat(e.envelope().payload()).isEqualTo(row("2026-01-01T00:00:00.000000Z"));
    assertThat(EnvelopeValidator.validate(parse(e.json())).isValid()).isTrue();
    assertThat(e.part()).isEqualTo("part-000000.parquet");
    assertThat(e.rowIndex()).isEqualTo(7);
  }

  @Test
  void shouldLeaveSpanIdOutWithoutAPackManifest() {
    StreamPins noManifest = new StreamPins(MF, PH, 42, "baseline_v1", "a".repeat(32), "platform_20260210T091951Z",
        "7e0847b8622533045c5b69bce61c88bd", "f".repeat(64), null);
    StreamEvent e = new EnvelopeBuilder(noManifest).build(OUTPUT, PK, "p", 0, row("2026-01-01T00:00:00.000000Z"));

    assertThat(e.envelope().toJson()).doesNotContainKey("span_id").hasSize(14);
  }

  @Test
  void shouldRenderTsUtcInWireFormButKeepThePayloadString() {
    StreamEvent offset = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row("2026-01-01T01:00:00+01:00"));
    StreamEvent naive = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row("2026-01-01 00:00:00.5"));

    assertThat(offset.tsUtc()).isEqualTo("2026-01-01T00:00:00.000000Z");
    assertThat(offset.envelope().payload().get("ts_utc")).isEqualTo("2026-01-01T01:00:00+01:00");
    assertThat(naive.tsUtc()).isEqualTo("2026-01-01T00:00:00.500000Z");
    assertThat(offset.eventMicros()).isEqualTo(naive.eventMicros() - 500_000);
  }

  @Test
  void shouldPassAnUnparseableTsOnSoIgQuarantinesIt() throws Exception {
    StreamEvent e = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row("yesterday"));

    assertThat(e.tsUtc()).isEqualTo("yesterday");
    assertThat(e.eventMicros()).isEqualTo(Long.MIN_VALUE);
    assertThat(EnvelopeValidator.validate(parse(e.json())).reasonCode())
        .isEqualTo("ENVELOPE_INVALID");
  }

  @Test
  void shouldRefuseANullPrimaryKeyValue() {
    Map<String, Object> row = row("2026-01-01T00:00:00.000000Z");
    row.put("event_seq", null);

    assertThatThrownBy(() -> new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row))
        .isInstanceOf(WspFailure.class).hasMessageContaining("PRIMARY_KEY_MISSING").hasMessageContaining("event_seq");
  }

  @Test
  void shouldUseThePayloadJsonColumnWhenTheViewHasOne() {
    Map<String, Object> row = row("2026-01-01T00:00:00.000000Z");
    row.put("payload_json", "{\"a\":1}");
    StreamEvent e = new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row);

    assertThat(e.envelope().payload()).isEqualTo(Map.of("a", 1));
    row.put("payload_json", null);
    assertThatThrownBy(() -> new EnvelopeBuilder(PINS).build(OUTPUT, PK, "p", 0, row))
        .hasMessageContaining("STREAM_VIEW_PAYLOAD_MISSING");
  }
}
