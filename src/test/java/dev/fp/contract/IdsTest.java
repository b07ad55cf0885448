package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference vectors: control_ingress.md §9 and case_ops_obs.md §0 ("computed with their formulas"). */
class IdsTest {
  private static final String ENGINE_ROOT = "s3://oracle-store/local_full_run-5/c25a2675fbfbacd952b13bb594880e92";
  private static final String MF = EnvelopeSamples.MF;
  private static final String PH = EnvelopeSamples.PH;
  private static final String EVENT_ID = "6602a30cec18d1d34042974851e944b1af4a0698b9868d6e8200709f80b3738d";
  private static final String RUN = "platform_20260101T000000Z";
  private static final String CASE_ID = "c8b6192fa298c1b2dcff2277614a4f08";
  private static final String TRIGGER_ID = "fdff95b8501d38d123f3da6eb08ffe40";
  private static final String TIMELINE_ID = "4d5520bec3e988b9662c7234ba7269bd";
  private static final String SOURCE_REF = "decision:" + "a".repeat(32);
  private static final String OBSERVED = "2026-01-01T00:00:01.000000Z";

  // control_ingress.md §9

  @Test
  void shouldDeriveStreamViewIdFromItsCanonicalBasis() {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("engine_run_root", ENGINE_ROOT);
    basis.put("scenario_id", "baseline_v1");
    basis.put("output_id", "s3_event_stream_with_fraud_6B");
    basis.put("sort_keys", Ids.STREAM_VIEW_SORT_KEYS);
    basis.put("partition_granularity", "flat");

    assertThat(CanonicalJson.write(basis)).isEqualTo("{\"engine_run_root\":\"" + ENGINE_ROOT + "\","
        + "\"output_id\":\"s3_event_stream_with_fraud_6B\",\"partition_granularity\":\"flat\","
        + "\"scenario_id\":\"baseline_v1\",\"sort_keys\":[\"ts_utc\",\"filename\",\"file_row_number\"]}");
    assertThat(Ids.streamViewId(ENGINE_ROOT, "baseline_v1", "s3_event_stream_with_fraud_6B"))
        .isEqualTo("b190f62b212942b06cccbc1f3120c38ebc94eabc78a926dbe4c89f13006bcc89");
  }

  @Test
  void shouldDeriveWspEventIdFromRowPrimaryKeyAndPins() {
    Map<String, Object> row = Map.of("seed", 42, "manifest_fingerprint", MF, "scenario_id", "baseline_v1",
        "flow_id", 1001, "event_seq", 0, "amount", 12.5);

    assertThat(Hashing.sha256Hex("s3_event_stream_with_fraud_6B|42|" + MF + "|baseline_v1|1001|0|" + MF + "|" + PH
        + "|42|baseline_v1")).isEqualTo(EVENT_ID);
    assertThat(Ids.engineEventId("s3_event_stream_with_fraud_6B", row, MF, PH, 42, "baseline_v1")).isEqualTo(EVENT_ID);
    assertThat(Ids.engineEventId("s3_event_stream_with_fraud_6B", List.of(42L, MF, "baseline_v1", 1001L, 0L),
        MF, PH, 42L, "baseline_v1")).isEqualTo(EVENT_ID);
  }

  @Test
  void shouldDeriveDedupeKeyReceiptAndQuarantineIds() {
    assertThat(Ids.dedupeKey("platform_20260210T091951Z", "traffic_fraud", EVENT_ID))
        .isEqualTo("2d7247b2b49b6ec8528af020b1cc1fa87785968f484b75f4eb8f3367d48a1dfc");
    assertThat(Ids.receiptId("ADMIT", EVENT_ID)).isEqualTo("84201e31c95d5984ab11eb2c7bc20280");
    assertThat(Ids.quarantineId(EVENT_ID)).isEqualTo("6f5a6bc0ddcc94fce77d146e971628d2");
  }

  @Test
  void shouldDerivePartitionKeyForFlowId() {
    assertThat(Ids.partitionKey(1001)).isEqualTo("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");
    assertThat(Ids.partitionKey(1001L)).isEqualTo(Ids.partitionKey("1001"));
  }

  @Test
  void shouldDeriveSrRunIdFromEquivalenceKey() {
    assertThat(Ids.srRunId("parity_20260210T091951Z")).isEqualTo("7e0847b8622533045c5b69bce61c88bd");
  }

  @Test
  void shouldDeriveFallbackPackKeyFromEngineRoot() {
    assertThat(Ids.fallbackPackKey(ENGINE_ROOT))
        .isEqualTo("3d715e502ebb506caa26d4ae618d2d07c4e751ffc606b2732a51c53ffdb37513");
  }

  // case_ops_obs.md §0

  @Test
  void shouldDeriveCaseIdFromSubject() {
    assertThat(Ids.caseId(RUN, "traffic_fraud", "evt_0001")).isEqualTo(CASE_ID);
  }

  @Test
  void shouldDeriveCaseTriggerIdAndItsTimelineEventId() {
    assertThat(Ids.caseTriggerId(CASE_ID, "DECISION_ESCALATION", SOURCE_REF)).isEqualTo(TRIGGER_ID);
    assertThat(Ids.caseTimelineEventId(CASE_ID, "CASE_TRIGGERED", TRIGGER_ID)).isEqualTo(TIMELINE_ID);
  }

  @Test
  void shouldDeriveLabelAssertionIdForTheAutomaticLabel() {
    assertThat(Ids.labelAssertionId(TIMELINE_ID, RUN, "evt_0001", "fraud_disposition"))
        .isEqualTo("e9d26d9547d37979e96e31ce4499a0c1");
  }

  @Test
  void shouldHashTheTriggerPayload() {
    assertThat(Ids.caseTriggerPayloadHash(trigger()))
        .isEqualTo("abb703314e3091c05e266dc9f6d734b711006fd4e37272e068fbedd73a87b84e");
  }

  @Test
  void shouldHashTriggerRegardlessOfEvidenceOrderAndOwnIds() {
    Map<String, Object> reordered = trigger();
    List<Object> refs = new ArrayList<>((List<?>) reordered.get("evidence_refs"));
    java.util.Collections.reverse(refs);
    reordered.put("evidence_refs", refs);
    reordered.put("payload_hash", "0".repeat(64));
    reordered.remove("case_id");

    assertThat(Ids.caseTriggerPayloadHash(reordered)).isEqualTo(Ids.caseTriggerPayloadHash(trigger()));
  }

  @Test
  void shouldHashTheMatchingLabelAssertionIgnoringPinsAndLabelPayload() {
    Map<String, Object> assertion = labelAssertion();
    String expected = "f9cde4661e6ac7352c05c15424507f5780a534652602dd51395952fb93589964";

    assertThat(Ids.labelAssertionPayloadHash(assertion)).isEqualTo(expected);
    assertion.put("pins", Map.of());
    assertion.put("label_payload", Map.of("other", true));
    assertThat(Ids.labelAssertionPayloadHash(assertion)).isEqualTo(expected);
  }

  @Test
  void shouldDeriveRunReportGeneratedGovernanceEventId() {
    assertThat(Ids.runReportGeneratedEventId(RUN))
        .isEqualTo("6831755d693afc385543d0658efc04304ba9b260a090c7c11b7cb6e33dc4ef44");
    assertThat(Ids.governanceEventId("run_report_generated", RUN, "", "platform_run_reporter",
        "run_report_generated:" + RUN, Map.of()))
        .isEqualTo("6831755d693afc385543d0658efc04304ba9b260a090c7c11b7cb6e33dc4ef44");
  }

  private static Map<String, Object> trigger() {
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("case_id", CASE_ID);
    trigger.put("case_trigger_id", TRIGGER_ID);
    trigger.put("trigger_type", "DECISION_ESCALATION");
    trigger.put("source_ref_id", SOURCE_REF);
    trigger.put("case_subject_key", Map.of("platform_run_id", RUN, "event_class", "traffic_fraud",
        "event_id", "evt_0001"));
    trigger.put("pins", pins());
    trigger.put("evidence_refs", triggerRefs());
    trigger.put("observed_time", OBSERVED);
    trigger.put("trigger_payload", Map.of("source_contract", "decision_response", "decision_kind", "x",
        "decision_action_kind", "y"));
    return trigger;
  }

  private static Map<String, Object> labelAssertion() {
    List<Object> refs = new ArrayList<>(triggerRefs());
    refs.add(Map.of("ref_type", "CASE_EVENT", "ref_id", TIMELINE_ID));
    Map<String, Object> assertion = new LinkedHashMap<>();
    assertion.put("label_assertion_id", "e9d26d9547d37979e96e31ce4499a0c1");
    assertion.put("case_timeline_event_id", TIMELINE_ID);
    assertion.put("label_subject_key", Map.of("platform_run_id", RUN, "event_id", "evt_0001"));
    assertion.put("pins", pins());
    assertion.put("label_type", "fraud_disposition");
    assertion.put("label_value", "FRAUD_SUSPECTED");
    assertion.put("effective_time", OBSERVED);
    assertion.put("observed_time", OBSERVED);
    assertion.put("source_type", "AUTO");
    assertion.put("actor_id", "SYSTEM::case_mgmt_worker");
    assertion.put("evidence_refs", refs);
    assertion.put("label_payload", Map.of("trigger_type", "DECISION_ESCALATION", "source_ref_id", SOURCE_REF));
    return assertion;
  }

  private static Map<String, Object> pins() {
    return Map.of("platform_run_id", RUN, "scenario_run_id", "b".repeat(32), "manifest_fingerprint", "c".repeat(64),
        "parameter_hash", "d".repeat(64), "scenario_id", "baseline_v1", "seed", 42);
  }

  private static List<Object> triggerRefs() {
    return List.of(Map.of("ref_type", "DECISION", "ref_id", "a".repeat(32)),
        Map.of("ref_type", "DLA_AUDIT_RECORD", "ref_id", "audit_" + "a".repeat(32)));
  }

  // formulas without a reference vector: literals computed once from the documented preimage with Python 3's hashlib
  // and json.dumps(..., sort_keys=True, separators=(",", ":")), independently of the code under test

  @Test
  void shouldDeriveReadyMessageIdFromBundleHashElsePlanHash() {
    // sha256("ready|platform_20260210T091951Z|7e0847b8622533045c5b69bce61c88bd|bundle")
    String expected = "28351f09e1d689cc4d30e40c6d727b193c7359f66550e3e917b9a8fa63d5c7fb";

    assertThat(Ids.readyMessageId("platform_20260210T091951Z", "7e0847b8622533045c5b69bce61c88bd", "bundle", "plan"))
        .isEqualTo(expected);
    assertThat(Ids.readyMessageId("platform_20260210T091951Z", "7e0847b8622533045c5b69bce61c88bd", null, "bundle"))
        .isEqualTo(expected);
    assertThatThrownBy(() -> Ids.readyMessageId("p", "s", "", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldHashAdmissionPayloadOverTypeVersionAndPayload() {
    Map<String, Object> payload = Map.of("amount", 100.0, "flow_id", 1001);

    // sha256 of {"event_type":"decision_response","payload":{"amount":100.0,"flow_id":1001},"schema_version":"v1"}
    assertThat(Ids.payloadHash("decision_response", "v1", payload))
        .isEqualTo("b1de3d57d64fb012489d60250ef526a53e11c31faf3a476c89fa566dabc7b5f4");
    // sha256 of {"event_type":"t","payload":{},"schema_version":null}
    assertThat(Ids.payloadHash("t", null, Map.of()))
        .isEqualTo("6a3f74a7c75b20849f0c0bea92d1cae9bd16f2c5117f10d5fc701ca846a9c17f");
  }

  @Test
  void shouldUseCanonicalDetailsWhenAGovernanceEventHasNoDedupeKey() {
    Map<String, Object> details = Map.of("b", 1, "a", "x");

    assertThat(Ids.governanceEventId("CORRIDOR_ANOMALY", "platform_20260101T000000Z", "b".repeat(32), "case_trigger",
        null, details)) // sha256("CORRIDOR_ANOMALY|platform_20260101T000000Z|bbb…b|case_trigger|{"a":"x","b":1}")
        .isEqualTo("54ed6ee813fe0abd3587823976ecc5aaca44f4db0e138577f207feedeccf1cdf");
  }

  @Test
  void shouldRenderPreimageValuesWithPythonStr() {
    String expected = "dfa01bb36b10d87bfeb6b6536e9aea528c4a472c97fb067119750f9a0a85a27c"; // sha256("out|2.5|True|x|" + MF)

    assertThat(Ids.engineEventId("out", Arrays.asList(2.5, true, "x"), MF, null, null, null)).isEqualTo(expected);
    assertThatThrownBy(() -> Ids.engineEventId("out", Arrays.asList(1, null), MF, PH, 42, "s"))
        .hasMessageContaining("PRIMARY_KEY_MISSING");
    assertThat(Ids.quarantineId(null)).isEqualTo("4ae3cb0ed0da502e7f285a403d937c44"); // sha256("QUARANTINE:unknown")[:32]
    assertThat(Ids.dedupeKey(null, "audit", "e"))
        .isEqualTo("eb12119baa8bfd68a6bde1a903ae6f80c14c1dc3488399854b3c790af2ca09b0"); // sha256(":audit:e")
  }
}
