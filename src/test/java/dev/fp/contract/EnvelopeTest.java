package dev.fp.contract;

import static dev.fp.contract.EnvelopeSamples.full;
import static dev.fp.contract.EnvelopeSamples.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void shouldRoundTripEveryFieldThroughJson() {
    Map<String, Object> json = full();

    Envelope envelope = Envelope.fromJson(json);

    assertThat(envelope.seed()).isEqualTo(BigInteger.valueOf(42));
    assertThat(envelope.producer()).isEqualTo("svc:world_stream_producer");
    assertThat(CanonicalJson.write(envelope.toJson())).isEqualTo(CanonicalJson.write(json));
    assertThat(envelope.toJson().keySet()).containsExactlyElementsOf(EnvelopeFields.ALL);
  }

  @Test
  void shouldKeepOnlyPresentFieldsInToJson() {
    Envelope envelope = Envelope.fromJson(minimal());

    assertThat(envelope.toJson()).containsOnlyKeys(EnvelopeFields.REQUIRED);
    assertThat(envelope.payload()).isNull();
  }

  @Test
  void shouldParseJsonTextKeepingIntegersAndFloatsApart() {
    Envelope envelope = Envelope.parse(new JsonObject(full()).encode());

    assertThat(envelope.payload().get("flow_id")).isEqualTo(1001);
    assertThat(envelope.payload().get("amount")).isEqualTo(12.5);
    assertThat(envelope.payload()).containsEntry("campaign_id", null);
    assertThat(Envelope.parse(new JsonObject(full()).encode())).isEqualTo(envelope);
  }

  @Test
  void shouldRefuseUnknownKeysAndWronglyTypedFields() {
    Map<String, Object> unknown = full();
    unknown.put("pins", Map.of());
    Map<String, Object> floatSeed = full();
    floatSeed.put("seed", 42.0);

    assertThatThrownBy(() -> Envelope.fromJson(unknown)).hasMessageContaining("unknown field pins");
    assertThatThrownBy(() -> Envelope.fromJson(floatSeed)).hasMessageContaining("seed must be an integer");
    assertThatThrownBy(() -> Envelope.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Envelope.fromJson(EnvelopeSamples.without("event_id")))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("event_id");
  }

  @Test
  void shouldHoldAnImmutableCopyOfThePayload() {
    Map<String, Object> payload = EnvelopeSamples.payload();
    Map<String, Object> json = full();
    json.put("payload", payload);
    Envelope envelope = Envelope.fromJson(json);
    payload.put("amount", 99.0);

    assertThat(envelope.payload().get("amount")).isEqualTo(12.5);
    assertThatThrownBy(() -> envelope.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldCopyWithChangedFieldsLeavingTheOriginalIntact() {
    Envelope original = Envelope.fromJson(full());

    Envelope rebound = original.withRun("platform_20260301T000000Z", "f".repeat(32))
        .withEmittedAtUtc("2026-03-01T00:00:00.000000Z").withTrace("t", "s").withParentEventId("p")
        .withPayload(Map.of("k", List.of(1)));

    assertThat(rebound.platformRunId()).isEqualTo("platform_20260301T000000Z");
    assertThat(rebound.scenarioRunId()).isEqualTo("f".repeat(32));
    assertThat(rebound.traceId()).isEqualTo("t");
    assertThat(rebound.payload()).isEqualTo(Map.of("k", List.of(1)));
    assertThat(rebound.eventId()).isEqualTo(original.eventId());
    assertThat(original.platformRunId()).isEqualTo(EnvelopeSamples.PLATFORM_RUN_ID);
    assertThat(original.withRun("platform_20260301T000000Z", null).payload()).isSameAs(original.payload());
  }

  @Test
  void shouldValidateWhatItWrites() {
    assertThat(EnvelopeValidator.validate(Envelope.fromJson(full()).toJson()).isValid()).isTrue();
  }
}
