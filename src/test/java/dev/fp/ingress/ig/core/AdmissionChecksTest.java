package dev.fp.ingress.ig.core;

import dev.fp.contract.ReasonCodes;
import dev.fp.platform.auth.ApiPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.fp.ingress.ig.core.IgSamples.ANY;
import static org.assertj.core.api.Assertions.assertThat;

/** The pure admission checks, one reason code at a time, in the reference's order. */
class AdmissionChecksTest {
  private static final AdmissionChecks CHECKS = IgSamples.checks();

  private static Checked check(Map<String, Object> envelope) {
    return CHECKS.check(envelope, ANY);
  }

  private static Checked.Rejected rejected(Map<String, Object> envelope) {
    Checked c = check(envelope);
    assertThat(c).isInstanceOf(Checked.Rejected.class);
    return (Checked.Rejected) c;
  }

  @Test
  void shouldPassAWspTrafficEventWithTheReferenceIdentity() {
    Checked.Candidate c = (Checked.Candidate) check(IgSamples.traffic());
    assertThat(c.eventClass()).isEqualTo("traffic_fraud");
    assertThat(c.dedupeKey()).isEqualTo("2d7247b2b49b6ec8528af020b1cc1fa87785968f484b75f4eb8f3367d48a1dfc");
    assertThat(c.partitionKey()).isEqualTo("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");
    assertThat(c.route().topic()).isEqualTo("fp.bus.traffic.fraud.v1");
    assertThat(c.route().partitioningProfileId()).isEqualTo("ig.partitioning.v0.traffic.fraud");
    assertThat(c.partitionReason()).isNull();
  }

  @Test
  void shouldPassADecisionResponse() {
    Checked.Candidate c = (Checked.Candidate) check(IgSamples.decision("f".repeat(64)));
    assertThat(c.eventClass()).isEqualTo("rtdl_decision");
    assertThat(c.route().topic()).isEqualTo("fp.bus.rtdl.v1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:01.123Z", "2026-01-01T00:00:01.000000+00:00",
      "2026-01-01T00:00:01.000000", "2026-01-01T00:00:01Z", "2026-01-01 00:00:01.000000Z"})
  void shouldQuarantineTimestampsNotInTheWireForm(String ts) {
    Map<String, Object> e = IgSamples.traffic();
    e.put("ts_utc", ts);
    Checked.Rejected r = rejected(e);
    assertThat(r.reason()).isEqualTo(ReasonCodes.ENVELOPE_INVALID);
    assertThat(r.detail()).isEqualTo("ts_utc:ENVELOPE_FIELD_FORMAT (expected YYYY-MM-DDTHH:MM:SS.ffffffZ)");
    assertThat(r.eventClass()).isEqualTo("traffic_fraud");
  }

  @Test
  void shouldQuarantineUnknownEnvelopeFieldsAndMissingRequiredOnes() {
    Map<String, Object> e = IgSamples.traffic();
    e.put("pins", Map.of());
    e.remove("event_id");
    Checked.Rejected r = rejected(e);
    assertThat(r.reason()).isEqualTo(ReasonCodes.ENVELOPE_INVALID);
    assertThat(r.detail()).contains("event_id:ENVELOPE_FIELD_MISSING").contains("pins:ENVELOPE_FIELD_UNKNOWN");
  }

  @Test
  void shouldListEveryMissingPin() {
    Map<String, Object> e = IgSamples.traffic();
    e.remove("seed");
    e.remove("scenario_id");
    e.remove("run_id");
    Checked.Rejected r = rejected(e);
    assertThat(r.reason()).isEqualTo(ReasonCodes.PINS_MISSING);
    assertThat(r.detail()).isEqualTo("seed,scenario_id,run_id");
  }

  @Test
  void shouldNotRequireRunIdForRtdlClasses() {
    assertThat(check(IgSamples.decision("f".repeat(64)))).isInstanceOf(Checked.Candidate.class);
    Map<String, Object> e = IgSamples.decision("f".repeat(64));
    e.remove("scenario_run_id");
    assertThat(rejected(e).detail()).isEqualTo("scenario_run_id");
  }

  @Test
  void shouldClassUnknownEventTypesAsTrafficAndQuarantineThemForMissingSchemaPolicy() {
    Map<String, Object> e = IgSamples.traffic();
    e.put("event_type", "mystery_event");
    Checked.Rejected r = rejected(e);
    assertThat(r.eventClass()).isEqualTo("traffic");
    assertThat(r.reason()).isEqualTo(ReasonCodes.SCHEMA_POLICY_MISSING);
  }

  @Test
  void shouldRequireSchemaVersionV1ForRtdlTypes() {
    Map<String, Object> e = IgSamples.decision("f".repeat(64));
    e.remove("schema_version");
    assertThat(rejected(e).reason()).isEqualTo(ReasonCodes.SCHEMA_VERSION_REQUIRED);
    e.put("schema_version", "v2");
    assertThat(rejected(e).reason()).isEqualTo(ReasonCodes.SCHEMA_VERSION_NOT_ALLOWED);
  }

  @Test
  void shouldQuarantinePayloadsFailingTheirSchema() {
    Map<String, Object> e = IgSamples.traffic();
    @SuppressWarnings("unchecked") Map<String, Object> payload = new HashMap<>((Map<String, Object>) e.get("payload"));
    payload.put("amount", "twelve");
    payload.put("extra_column", 1);
    e.put("payload", payload);
    Checked.Rejected r = rejected(e);
    assertThat(r.reason()).isEqualTo(ReasonCodes.SCHEMA_FAIL);
    assertThat(r.detail()).contains("amount");
    e.remove("payload");
    assertThat(rejected(e).reason()).isEqualTo(ReasonCodes.SCHEMA_FAIL);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aWireTimestampInThePayloadThatIsNotAnInstantIsASchemaFailNamingItsPath() {
    Map<String, Object> decision = IgSamples.decision("f".repeat(64));
    ((Map<String, Object>) decision.get("payload")).put("decided_at_utc", "2026-01-01T23:59:60.000000Z");
    Checked.Rejected r = rejected(decision);
    assertThat(r.reason()).isEqualTo(ReasonCodes.SCHEMA_FAIL);
    assertThat(r.detail()).isEqualTo("$.payload.decided_at_utc: 2026-01-01T23:59:60.000000Z is not a calendar "
        + "instant: second 60 outside 00..59");
    Map<String, Object> traffic = IgSamples.traffic();
    ((Map<String, Object>) traffic.get("payload")).put("ts_utc", "2026-02-30T00:00:01.000000Z");
    assertThat(rejected(traffic).detail()).isEqualTo("$.payload.ts_utc: 2026-02-30T00:00:01.000000Z is not a "
        + "calendar instant: day 30 outside 01..28 for 2026-02");
  }

  @Test
  void shouldTurnAnUnexpectedFailureIntoInternalError() {
    PayloadSchemas broken = new PayloadSchemas(ref -> null);
    AdmissionChecks checks = new AdmissionChecks(IgSamples.policy(), broken);
    Checked.Rejected r = (Checked.Rejected) checks.check(IgSamples.traffic(), ANY);
    assertThat(r.reason()).isEqualTo(ReasonCodes.INTERNAL_ERROR);
    assertThat(r.detail()).contains("not found");
  }

  @Test
  void shouldReportPartitionKeyMissingWhenNoPrecedenceValueExists() {
    PolicyDoc partitioning = IgSamples.doc("policies/partitioning_profiles_v0.yaml");
    Map<String, Object> content = deepCopy(partitioning.content());
    @SuppressWarnings("unchecked") Map<String, Object> profiles = (Map<String, Object>) content.get("profiles");
    @SuppressWarnings("unchecked") Map<String, Object> fraud = (Map<String, Object>) profiles.get("ig.partitioning.v0.traffic.fraud");
    fraud.put("key_precedence", java.util.List.of("payload.no_such_field"));
    AdmissionChecks checks = new AdmissionChecks(unaligned(new PolicyDoc(partitioning.path(), content)), IgSamples.schemas());
    Checked.Candidate c = (Checked.Candidate) checks.check(IgSamples.traffic(), ANY);
    assertThat(c.partitionKey()).isNull();
    assertThat(c.partitionReason()).isEqualTo(ReasonCodes.PARTITION_KEY_MISSING);
  }

  @Test
  void shouldReportAnUnsupportedHashAlgorithm() {
    PolicyDoc partitioning = IgSamples.doc("policies/partitioning_profiles_v0.yaml");
    Map<String, Object> content = deepCopy(partitioning.content());
    content.put("hash_algo", "md5");
    AdmissionChecks checks = new AdmissionChecks(IgSamples.policy(new PolicyDoc(partitioning.path(), content)),
        IgSamples.schemas());
    Checked.Candidate c = (Checked.Candidate) checks.check(IgSamples.traffic(), ANY);
    assertThat(c.partitionReason()).isEqualTo(ReasonCodes.UNSUPPORTED_HASH_ALGO);
  }

  @Test
  void shouldForbidAClassTheKeyMayNotProduceBeforeAnyOtherCheck() {
    ApiPrincipal df = new ApiPrincipal("SYSTEM::decision_fabric", false, Set.of("rtdl_decision"), Set.of());
    Map<String, Object> e = IgSamples.traffic();
    e.put("ts_utc", "bad");
    assertThat(CHECKS.check(e, df)).isEqualTo(new Checked.Forbidden("traffic_fraud"));
    assertThat(CHECKS.check(IgSamples.decision("f".repeat(64)), df)).isInstanceOf(Checked.Candidate.class);
  }

  @Test
  void shouldHashThePayloadWithEventTypeAndSchemaVersion() {
    Checked.Candidate a = (Checked.Candidate) check(IgSamples.traffic());
    Map<String, Object> e = IgSamples.traffic();
    e.put("schema_version", "v2");
    Checked.Candidate b = (Checked.Candidate) check(e);
    assertThat(a.payloadHash()).isNotEqualTo(b.payloadHash());
    assertThat(a.dedupeKey()).isEqualTo(b.dedupeKey());
  }

  /** A policy whose routing differs from the platform's on purpose (alignment is tested in IgPolicyTest). */
  private static IgPolicy unaligned(PolicyDoc partitioning) {
    IgPolicy aligned = IgSamples.policy();
    return new IgPolicy(aligned.classMap(), PartitioningPolicy.from(partitioning), aligned.schemaPolicy(), aligned.rev());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
    return out;
  }
}
