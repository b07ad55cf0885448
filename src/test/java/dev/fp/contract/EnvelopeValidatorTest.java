package dev.fp.contract;

import static dev.fp.contract.EnvelopeSamples.full;
import static dev.fp.contract.EnvelopeSamples.minimal;
import static dev.fp.contract.EnvelopeSamples.with;
import static dev.fp.contract.EnvelopeSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fp.contract.EnvelopeViolation.Code;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeValidatorTest {
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

  @Test
  void shouldAcceptAFullWspEnvelope() {
    EnvelopeValidation result = EnvelopeValidator.validate(full());

    assertThat(result.isValid()).isTrue();
    assertThat(result.reasonCode()).isNull();
    assertThat(result.detail()).isEmpty();
  }

  @Test
  void shouldAcceptOnlyTheFourRequiredFields() {
    assertThat(EnvelopeValidator.validate(minimal()).isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"event_id", "event_type", "ts_utc", "manifest_fingerprint"})
  void shouldReportEachMissingRequiredField(String field) {
    assertSingle(without(field), field, Code.FIELD_MISSING);
  }

  @Test
  void shouldRejectUnknownTopLevelKey() {
    EnvelopeValidation result = EnvelopeValidator.validate(with("pins", Map.of()));

    assertSingle(with("pins", Map.of()), "pins", Code.FIELD_UNKNOWN);
    assertThat(result.reasonCode()).isEqualTo("ENVELOPE_INVALID");
    assertThat(result.detail()).isEqualTo("pins:ENVELOPE_FIELD_UNKNOWN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:01.123Z", "2026-01-01T00:00:01.000000+00:00", "2026-01-01T00:00:01.000000",
      "2026-01-01T00:00:01Z", "2026-01-01 00:00:01.000000Z", "2026-01-01T00:00:01.0000000Z",
      "2026-01-01T00:00:01.000000z",
      "2026-01-01T00:00:01.000000Z\n", "\uff12026-01-01T00:00:01.000000Z", "26-01-01T00:00:01.000000Z", ""})
  void shouldRejectTimestampsNotInTheSixDigitMicrosZForm(String timestamp) {
    assertSingle(with("ts_utc", timestamp), "ts_utc", Code.FIELD_FORMAT);
    assertSingle(with("emitted_at_utc", timestamp), "emitted_at_utc", Code.FIELD_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:60.000000Z", "0000-01-01T00:00:01.000000Z", "2026-13-01T00:00:01.000000Z",
      "2026-02-30T00:00:01.000000Z", "2026-01-01T24:00:00.000000Z", "2026-01-00T00:00:01.000000Z",
      "2026-01-01T00:60:00.000000Z", "2026-13-45T99:99:99.000000Z"})
  void wireShapedTimestampsThatAreNotInstantsAreRefused(String timestamp) {
    assertSingle(with("ts_utc", timestamp), "ts_utc", Code.FIELD_RANGE);
    assertSingle(with("emitted_at_utc", timestamp), "emitted_at_utc", Code.FIELD_RANGE);
  }

  @Test
  void aRefusedCalendarTimestampNamesWhatIsWrongWithIt() {
    assertThat(EnvelopeValidator.validate(with("ts_utc", "2026-02-29T12:00:00.000000Z")).explained())
        .isEqualTo("ts_utc:ENVELOPE_FIELD_RANGE (not a calendar instant: day 29 outside 01..28 for 2026-02)");
    assertThat(EnvelopeValidator.validate(with("ts_utc", "2024-02-29T23:59:59.999999Z")).isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"manifest_fingerprint", "parameter_hash"})
  void shouldRequireLowerCaseHex64(String field) {
    String hex = "c".repeat(64);
    assertThat(EnvelopeValidator.validate(with(field, hex)).isValid()).isTrue();
    assertSingle(with(field, hex.toUpperCase()), field, Code.FIELD_FORMAT);
    assertSingle(with(field, hex.substring(1)), field, Code.FIELD_FORMAT);
    assertSingle(with(field, hex + "c"), field, Code.FIELD_FORMAT);
    assertSingle(with(field, "g" + hex.substring(1)), field, Code.FIELD_FORMAT);
    assertSingle(with(field, 12), field, Code.FIELD_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run_id", "scenario_run_id"})
  void shouldRequireLowerCaseHex32(String field) {
    assertThat(EnvelopeValidator.validate(with(field, "b".repeat(32))).isValid()).isTrue();
    assertSingle(with(field, "B".repeat(32)), field, Code.FIELD_FORMAT);
    assertSingle(with(field, "b".repeat(64)), field, Code.FIELD_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform_20260101T000000", "platform_2026010T000000Z", "run_20260101T000000Z",
      "PLATFORM_20260101T000000Z", "platform_20260101T000000Z ", "7e0847b8622533045c5b69bce61c88bd"})
  void shouldRejectMalformedPlatformRunId(String id) {
    assertSingle(with("platform_run_id", id), "platform_run_id", Code.FIELD_FORMAT);
  }

  @Test
  void shouldAcceptSeedAcrossTheUnsignedSixtyFourBitRange() {
    for (Object seed : List.of(0, 42L, Long.MAX_VALUE, TWO_POW_64.subtract(BigInteger.ONE))) {
      assertThat(EnvelopeValidator.validate(with("seed", seed)).isValid()).as("seed %s", seed).isTrue();
    }
  }

  @Test
  void shouldRejectSeedOutOfRange() {
    assertSingle(with("seed", -1), "seed", Code.FIELD_RANGE);
    assertSingle(with("seed", TWO_POW_64), "seed", Code.FIELD_RANGE);
  }

  @Test
  void shouldRejectBooleanFloatAndStringSeeds() {
    assertSingle(with("seed", true), "seed", Code.FIELD_TYPE);
    assertSingle(with("seed", 42.0), "seed", Code.FIELD_TYPE);
    assertSingle(with("seed", "42"), "seed", Code.FIELD_TYPE);
    assertSingle(with("seed", null), "seed", Code.FIELD_TYPE);
  }

  @Test
  void shouldAcceptScenarioIdAsStringOrNonNegativeInteger() {
    for (Object id : List.of("baseline_v1", "x".repeat(256), 0, 7L)) {
      assertThat(EnvelopeValidator.validate(with("scenario_id", id)).isValid()).as("scenario_id %s", id).isTrue();
    }
  }

  @Test
  void shouldRejectBadScenarioIds() {
    assertSingle(with("scenario_id", ""), "scenario_id", Code.FIELD_LENGTH);
    assertSingle(with("scenario_id", "x".repeat(257)), "scenario_id", Code.FIELD_LENGTH);
    assertSingle(with("scenario_id", -1), "scenario_id", Code.FIELD_RANGE);
    assertSingle(with("scenario_id", 1.0), "scenario_id", Code.FIELD_TYPE);
    assertSingle(with("scenario_id", false), "scenario_id", Code.FIELD_TYPE);
  }

  @Test
  void shouldCountEventIdLengthInCodePoints() {
    String emoji = "\ud83d\ude00";
    assertThat(EnvelopeValidator.validate(with("event_id", emoji.repeat(256))).isValid()).isTrue();
    assertSingle(with("event_id", emoji.repeat(257)), "event_id", Code.FIELD_LENGTH);
    assertSingle(with("event_id", ""), "event_id", Code.FIELD_LENGTH);
    assertSingle(with("event_id", 17), "event_id", Code.FIELD_TYPE);
    assertSingle(with("parent_event_id", "p".repeat(257)), "parent_event_id", Code.FIELD_LENGTH);
  }

  @Test
  void shouldEnforceStringLengthsOfTheOtherTextFields() {
    assertSingle(with("event_type", ""), "event_type", Code.FIELD_LENGTH);
    assertSingle(with("event_type", "t".repeat(257)), "event_type", Code.FIELD_LENGTH);
    assertSingle(with("schema_version", "v".repeat(65)), "schema_version", Code.FIELD_LENGTH);
    assertSingle(with("trace_id", "t".repeat(129)), "trace_id", Code.FIELD_LENGTH);
    assertSingle(with("span_id", ""), "span_id", Code.FIELD_LENGTH);
    assertSingle(with("producer", "p".repeat(129)), "producer", Code.FIELD_LENGTH);
    assertThat(EnvelopeValidator.validate(with("schema_version", "v".repeat(64))).isValid()).isTrue();
  }

  @Test
  void shouldRequirePayloadToBeAnObject() {
    assertSingle(with("payload", List.of(1)), "payload", Code.FIELD_TYPE);
    assertSingle(with("payload", "{}"), "payload", Code.FIELD_TYPE);
    assertSingle(with("payload", null), "payload", Code.FIELD_TYPE);
    assertThat(EnvelopeValidator.validate(with("payload", Map.of("a", 1))).isValid()).isTrue();
  }

  @Test
  void shouldRejectDocumentsThatAreNotObjects() {
    for (Object json : new Object[] {List.of(), "envelope", null, 5}) {
      EnvelopeValidation result = EnvelopeValidator.validate(json);
      assertThat(result.violations()).extracting(EnvelopeViolation::code).containsExactly(Code.NOT_AN_OBJECT);
    }
  }

  @Test
  void shouldReportEveryViolationInSchemaOrderThenUnknownKeys() {
    Map<String, Object> envelope = without("event_type");
    envelope.put("ts_utc", "2026-01-01T00:00:01Z");
    envelope.put("seed", -5);
    envelope.put("zeta", 1);
    envelope.put("alpha", 2);

    EnvelopeValidation result = EnvelopeValidator.validate(envelope);

    assertThat(result.detail()).isEqualTo("event_type:ENVELOPE_FIELD_MISSING,ts_utc:ENVELOPE_FIELD_FORMAT,"
        + "seed:ENVELOPE_FIELD_RANGE,alpha:ENVELOPE_FIELD_UNKNOWN,zeta:ENVELOPE_FIELD_UNKNOWN");
  }

  @Test
  void shouldValidateJacksonObjectsLikeMaps() throws Exception {
    String json = Json.write(with("seed", 1.5));

    assertThat(EnvelopeValidator.validate(Json.readTree(json)).detail()).isEqualTo("seed:ENVELOPE_FIELD_TYPE");
    assertThat(EnvelopeValidator.validate(Json.readTree("[1]")).violations())
        .extracting(EnvelopeViolation::code).containsExactly(Code.NOT_AN_OBJECT);
  }

  private static void assertSingle(Map<String, Object> envelope, String field, Code code) {
    EnvelopeValidation result = EnvelopeValidator.validate(envelope);
    assertThat(result.violations()).as("violations of %s=%s", field, envelope.get(field)).hasSize(1);
    assertThat(result.violations().get(0).field()).isEqualTo(field);
    assertThat(result.violations().get(0).code()).isEqualTo(code);
  }
}
