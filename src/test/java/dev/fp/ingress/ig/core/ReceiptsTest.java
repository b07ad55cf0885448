package dev.fp.ingress.ig.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.PolicyRev;
import dev.fp.contract.ReasonCodes;
import dev.fp.substrate.eventlog.EbRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Receipts and quarantine records (control_ingress.md §5.8, §5.9) with the reference's id vectors. */
class ReceiptsTest {
  private static final PolicyRev REV = new PolicyRev("ig_policy", "v0", "a".repeat(64));
  private static final Stamp STAMP = new Stamp(REV, "dev-local", "embedded");
  private static final Receipts RECEIPTS = new Receipts(STAMP);
  private static final Actor ACTOR = new Actor("SYSTEM::world_stream_producer", "SYSTEM", Actor.API_KEY);
  private static final Checked.Candidate C = (Checked.Candidate) IgSamples.checks().check(IgSamples.traffic(),
      IgSamples.ANY);
  private static final EbRef EB = new EbRef("fp.bus.traffic.fraud.v1", 0, "41", "file_line",
      "2026-02-10T09:21:47.000000Z");

  @Test
  void shouldBuildTheAdmitReceiptWithTheReferenceIdAndEveryRequiredField() {
    Map<String, Object> r = RECEIPTS.admit(C, EB, "2026-02-10T09:21:47.000001Z", ACTOR);
    assertThat(r.get("receipt_id")).isEqualTo("84201e31c95d5984ab11eb2c7bc20280");
    assertThat(r).containsKeys("receipt_id", "decision", "event_id", "event_type", "event_class", "ts_utc",
        "manifest_fingerprint", "platform_run_id", "run_config_digest", "policy_rev", "eb_ref", "scenario_run_id",
        "payload_hash", "admitted_at_utc", "dedupe_key", "pins", "partitioning_profile_id", "partition_key", "actor",
        "provenance");
    assertThat(r.get("decision")).isEqualTo("ADMIT");
    assertThat(r.get("run_config_digest")).isEqualTo(REV.contentDigest());
    assertThat(r.get("eb_ref")).isEqualTo(Map.of("topic", "fp.bus.traffic.fraud.v1", "partition", 0, "offset", "41",
        "offset_kind", "file_line", "published_at_utc", "2026-02-10T09:21:47.000000Z"));
    assertThat(r.get("payload_hash")).isEqualTo(Map.of("algo", "sha256", "hex", C.payloadHash()));
    assertThat(r.get("partition_key")).isEqualTo("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");
    @SuppressWarnings("unchecked") Map<String, Object> pins = (Map<String, Object>) r.get("pins");
    assertThat(pins).containsOnlyKeys("manifest_fingerprint", "platform_run_id", "scenario_run_id", "parameter_hash",
        "seed", "scenario_id", "run_id");
  }

  @Test
  void shouldRebuildIdenticalReceiptsForTheSameEvent() {
    assertThat(CanonicalJson.write(RECEIPTS.admit(C, EB, "t", ACTOR)))
        .isEqualTo(CanonicalJson.write(RECEIPTS.admit(C, EB, "t", ACTOR)));
  }

  @Test
  void shouldPointADuplicateAtTheOriginalPublishAndReceipt() {
    AdmissionRow row = new AdmissionRow(C.dedupeKey(), AdmissionState.ADMITTED, "ADMITTED", IgSamples.RUN,
        C.eventClass(), C.eventId(), C.eventType(), C.payloadHash(), EB.topic(), EB, "first-admit", "rid", "orig-ref",
        false, null);
    Map<String, Object> r = RECEIPTS.duplicate(C, row, ACTOR);
    assertThat(r.get("decision")).isEqualTo("DUPLICATE");
    assertThat(r.get("receipt_id")).isEqualTo(Receipts.receiptId("DUPLICATE", C.eventId()));
    assertThat(r.get("admitted_at_utc")).isEqualTo("first-admit");
    assertThat(r.get("reason_codes")).isEqualTo(List.of("DUPLICATE"));
    assertThat(r.get("evidence_refs")).isEqualTo(List.of(Map.of("kind", "receipt_ref", "ref", "orig-ref")));
    assertThat(r).doesNotContainKey("partition_key");
  }

  @Test
  void shouldBuildAQuarantineRecordWithoutThePayloadAndItsReceipt() {
    QuarantineRecords records = new QuarantineRecords(STAMP);
    Map<String, Object> q = records.build(IgSamples.traffic(), "traffic_fraud", ReasonCodes.PINS_MISSING, "seed",
        "2026-02-10T09:21:47.000000Z", ACTOR);
    assertThat(q.get("quarantine_id")).isEqualTo("6f5a6bc0ddcc94fce77d146e971628d2");
    assertThat(q.get("reason_codes")).isEqualTo(List.of("PINS_MISSING"));
    assertThat(q.get("reason_detail")).isEqualTo("seed");
    @SuppressWarnings("unchecked") Map<String, Object> env = (Map<String, Object>) q.get("envelope");
    assertThat(env).doesNotContainKey("payload").containsKey("event_id");
    Map<String, Object> r = RECEIPTS.quarantine(IgSamples.traffic(), "traffic_fraud", null, ReasonCodes.PINS_MISSING,
        "q-ref", ACTOR);
    assertThat(r.get("receipt_id")).isEqualTo(Receipts.receiptId("QUARANTINE", IgSamples.EVENT_ID));
    assertThat(r.get("evidence_refs")).isEqualTo(List.of(Map.of("kind", "quarantine_record", "ref", "q-ref")));
  }

  @Test
  void shouldQuarantineAnEnvelopeWithoutIdentityUnderUnknown() {
    QuarantineRecords records = new QuarantineRecords(STAMP);
    Map<String, Object> q = records.build(Map.of("event_type", 7), null, ReasonCodes.ENVELOPE_INVALID, "x", "t", ACTOR);
    assertThat(q.get("quarantine_id")).isEqualTo(dev.fp.contract.Ids.quarantineId(null));
    assertThat(q.get("manifest_fingerprint")).isEqualTo("0".repeat(64));
    Map<String, Object> r = RECEIPTS.quarantine(Map.of("event_type", 7), null, null, ReasonCodes.ENVELOPE_INVALID,
        "ref", ACTOR);
    assertThat(r).doesNotContainKeys("event_id", "event_type", "event_class");
    assertThat(r.get("receipt_id")).isEqualTo(dev.fp.contract.Ids.receiptId("QUARANTINE", "unknown"));
  }
}
