package dev.fp.contract;

import static dev.fp.contract.EnvelopeSamples.full;
import static dev.fp.contract.EnvelopeSamples.minimal;
import static dev.fp.contract.EnvelopeSamples.with;
import static dev.fp.contract.EnvelopeSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JSON Schema (run by networknt json-schema-validator) and the hand-written {@link EnvelopeValidator}
 * must agree on validity and on which top-level fields are at fault.
 */
class EnvelopeSchemaAgreementTest {
  private static final String EMOJI = "\ud83d\ude00";
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = EnvelopeSchemaAgreementTest.class
        .getResourceAsStream("/schemas/canonical_event_envelope.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row("valid full", full()),
        row("valid minimal", minimal()),
        row("valid uint64 max seed", with("seed", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))),
        row("valid integer scenario", with("scenario_id", 0)),
        row("valid uuid event id", with("event_id", "123e4567-e89b-12d3-a456-426614174000")),
        row("valid 256 code points", with("event_id", EMOJI.repeat(256))),
        row("valid 64-char schema version", with("schema_version", "v".repeat(64))),
        row("missing event_id", without("event_id")),
        row("missing event_type", without("event_type")),
        row("missing ts_utc", without("ts_utc")),
        row("missing manifest_fingerprint", without("manifest_fingerprint")),
        row("unknown key", with("pins", Map.of())),
        row("ts millis", with("ts_utc", "2026-01-01T00:00:01.123Z")),
        row("ts offset", with("ts_utc", "2026-01-01T00:00:01.000000+00:00")),
        row("ts no Z", with("ts_utc", "2026-01-01T00:00:01.000000")),
        row("ts trailing newline", with("ts_utc", "2026-01-01T00:00:01.000000Z\n")),
        row("ts null", with("ts_utc", null)),
        row("emitted seconds only", with("emitted_at_utc", "2026-01-01T00:00:01Z")),
        row("mf upper case", with("manifest_fingerprint", "C".repeat(64))),
        row("mf 63 chars", with("manifest_fingerprint", "c".repeat(63))),
        row("ph trailing newline", with("parameter_hash", "d".repeat(64) + "\n")),
        row("run_id upper case", with("run_id", "B".repeat(32))),
        row("scenario_run_id hex64", with("scenario_run_id", "b".repeat(64))),
        row("platform_run_id no Z", with("platform_run_id", "platform_20260101T000000")),
        row("seed negative", with("seed", -1)),
        row("seed 2^64", with("seed", BigInteger.ONE.shiftLeft(64))),
        row("seed boolean", with("seed", true)),
        row("seed string", with("seed", "42")),
        row("scenario empty", with("scenario_id", "")),
        row("scenario negative", with("scenario_id", -1)),
        row("scenario boolean", with("scenario_id", true)),
        row("event_id empty", with("event_id", "")),
        row("event_id 257 code points", with("event_id", EMOJI.repeat(257))),
        row("event_id number", with("event_id", 17)),
        row("event_type empty", with("event_type", "")),
        row("schema_version 65", with("schema_version", "v".repeat(65))),
        row("trace_id 129", with("trace_id", "t".repeat(129))),
        row("producer number", with("producer", 5)),
        row("payload array", with("payload", List.of(1))),
        row("payload string", with("payload", "x")),
        row("payload null", with("payload", null)),
        row("several at once", several()),
        Arguments.of("not an object: array", "[1,2]"),
        Arguments.of("not an object: string", "\"envelope\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void shouldAgreeWithTheJsonSchema(String name, String json) throws Exception {
    EnvelopeValidation hand = EnvelopeValidator.validate(Json.readTree(json));
    List<Error> errors = schema.validate(json, InputFormat.JSON);

    assertThat(hand.isValid()).as("%s: hand=%s schema=%s", name, hand.violations(), errors).isEqualTo(errors.isEmpty());
    assertThat(handFields(hand)).as(name).isEqualTo(schemaFields(errors));
  }

  /**
   * Deliberate divergence: JSON Schema (and python-jsonschema in the reference) count an integral float such as 42.0 as
   * an integer; the contract here refuses floats for seed and scenario_id, which a schema cannot express.
   */
  @Test
  void shouldBeStricterThanTheSchemaOnIntegralFloats() throws Exception {
    for (String json : List.of(encode(with("seed", 42.0)), encode(with("scenario_id", 3.0)),
        encode(full()).replace("\"seed\":42", "\"seed\":1e2"))) {
      assertThat(schema.validate(json, InputFormat.JSON)).as(json).isEmpty();
      assertThat(EnvelopeValidator.validate(Json.readTree(json)).isValid()).as(json).isFalse();
    }
  }

  private static Arguments row(String name, Map<String, Object> envelope) {
    return Arguments.of(name, encode(envelope));
  }

  private static String encode(Map<String, Object> envelope) {
    return CanonicalJson.write(envelope);
  }

  private static Map<String, Object> several() {
    Map<String, Object> envelope = without("manifest_fingerprint");
    envelope.put("seed", -3);
    envelope.put("run_id", "nope");
    envelope.put("extra", 1);
    return envelope;
  }

  private static Set<String> handFields(EnvelopeValidation hand) {
    return hand.violations().stream().map(EnvelopeViolation::field).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> schemaFields(List<Error> errors) {
    return errors.stream().map(EnvelopeSchemaAgreementTest::fieldOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String fieldOf(Error error) {
    String keyword = error.getKeyword();
    if ("required".equals(keyword) || "additionalProperties".equals(keyword)) {
      return error.getProperty();
    }
    String location = error.getInstanceLocation().toString();
    String trimmed = location.startsWith("/") ? location.substring(1) : location;
    int slash = trimmed.indexOf('/');
    return slash < 0 ? trimmed : trimmed.substring(0, slash);
  }
}
