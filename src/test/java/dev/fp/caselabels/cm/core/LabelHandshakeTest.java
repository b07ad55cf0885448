package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.CmSamples;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.contract.LabelAssertions;
import dev.fp.contract.LabelTaxonomy;
import dev.fp.contract.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CM side of the LS handshake, pure: the automatic label and each answer's effect. */
class LabelHandshakeTest {
  static final String T0 = "2026-12-06T00:00:00.000000Z";
  static final String T1 = "2026-12-06T00:00:05.000000Z";

  static EmissionRow stored() throws Exception {
    LabelEmissionPolicy policy = CmSamples.shippedPolicy();
    Map<String, Object> a = LabelHandshake.autoAssertion(policy, policy.autoLabel("DECISION_ESCALATION"),
        CmSamples.vectorTrigger(), CaseIntakeCoreTest.TIMELINE_ID);
    return LabelHandshake.stored(CaseIntakeCoreTest.CASE_ID, a, "pending-event");
  }

  @Test
  void shouldBuildTheAutomaticLabelThatLsAccepts() throws Exception {
    EmissionRow row = stored();
    LabelTaxonomy taxonomy = LabelTaxonomy.parse(Json.readYamlObject(Files.readAllBytes(
        Path.of("conf/ls/taxonomy_v0.yaml"))));
    LabelAssertions.validate(row.assertion(), taxonomy);
    assertThat(row.assertion()).containsEntry("label_assertion_id", CaseIntakeCoreTest.LABEL_ID)
        .containsEntry("payload_hash", CaseIntakeCoreTest.LABEL_HASH);
    assertThat(row.assertion().get("evidence_refs")).asList().hasSize(3);
  }

  @Test
  void shouldDecideTheLabelOnLsAcceptance() throws Exception {
    LabelHandshake.Step s = LabelHandshake.answered(stored(), "ACCEPTED", "ASSERTION_COMMITTED_NEW",
        "runs/fraud-platform/r/label_store/assertions/x.json", T0);
    assertThat(s.row().status()).isEqualTo("ACCEPTED");
    assertThat(s.row().attemptCount()).isEqualTo(1);
    assertThat(s.row().firstRequestedAtUtc()).isEqualTo(T0);
    assertThat(s.pending()).isNull();
    assertThat(s.counter()).isEqualTo(CmCounters.LABELS_ACCEPTED);
    assertThat(s.event()).containsEntry("timeline_event_type", "LABEL_ACCEPTED")
        .containsEntry("source_ref_id", "label_assertion:" + CaseIntakeCoreTest.LABEL_ID + ":accepted")
        .containsEntry("observed_time", CmSamples.OBSERVED);
    assertThat(s.event().get("evidence_refs")).asList()
        .anySatisfy(r -> assertThat(((Map<?, ?>) r).get("ref_type")).isEqualTo("EXTERNAL_REF"));
  }

  @Test
  void shouldRecordARejectionWithLsReason() throws Exception {
    LabelHandshake.Step s = LabelHandshake.answered(stored(), "REJECTED", "PAYLOAD_HASH_MISMATCH", null, T0);
    assertThat(s.row().status()).isEqualTo("REJECTED");
    assertThat(s.row().lastReasonCode()).isEqualTo("PAYLOAD_HASH_MISMATCH");
    assertThat(s.event()).containsEntry("timeline_event_type", "LABEL_REJECTED");
  }

  @Test
  void shouldKeepALabelPendingWithoutAnEventWhenLsDoesNotAnswer() throws Exception {
    LabelHandshake.Step first = LabelHandshake.unanswered(stored(), LabelHandshake.LS_UNAVAILABLE, T0, T1);
    LabelHandshake.Step second = LabelHandshake.unanswered(first.row(), LabelHandshake.LS_UNAVAILABLE, T1,
        "2026-12-06T00:00:10.000000Z");
    assertThat(second.event()).isNull();
    assertThat(second.row().status()).isEqualTo("PENDING");
    assertThat(second.row().attemptCount()).isEqualTo(2);
    assertThat(second.row().firstRequestedAtUtc()).isEqualTo(T0);
    assertThat(second.pending().nextAttemptAtUtc()).isEqualTo("2026-12-06T00:00:10.000000Z");
    assertThat(second.counter()).isEqualTo(CmCounters.LABEL_ATTEMPTS_PENDING);
  }

  @Test
  void shouldRejectAtTheRetryLimitWithoutCountingAnAttempt() throws Exception {
    LabelHandshake.Step pending = LabelHandshake.unanswered(stored(), LabelHandshake.LS_UNAVAILABLE, T0, T1);
    LabelHandshake.Step s = LabelHandshake.retryLimit(pending.row(), T1);
    assertThat(s.row().status()).isEqualTo("REJECTED");
    assertThat(s.row().attemptCount()).isEqualTo(1);
    assertThat(s.row().lastReasonCode()).isEqualTo(LabelHandshake.RETRY_LIMIT_EXCEEDED);
    assertThat(((Map<?, ?>) s.event().get("timeline_payload")).get("reason_code")).isEqualTo("RETRY_LIMIT_EXCEEDED");
  }

  @Test
  void shouldParseThePolicyStrictly() throws Exception {
    Map<String, Object> doc = Json.readYamlObject(Files.readAllBytes(Path.of("conf/cm/label_emission_v0.yaml")));
    LabelEmissionPolicy p = LabelEmissionPolicy.parse(doc);
    assertThat(p.maxRetryAttempts()).isEqualTo(3);
    assertThat(p.autoLabel("ACTION_FAILURE").labelValue()).isEqualTo("FRAUD_SUSPECTED");
    assertThat(p.autoLabel("ANOMALY")).isNull();

    Map<String, Object> typo = new LinkedHashMap<>(doc);
    typo.put("max_retries", 3);
    assertThatThrownBy(() -> LabelEmissionPolicy.parse(typo)).hasMessageStartingWith("max_retries: unknown key");
    Map<String, Object> zero = new LinkedHashMap<>(doc);
    zero.put("max_retry_attempts", 0);
    assertThatThrownBy(() -> LabelEmissionPolicy.parse(zero)).hasMessageStartingWith("max_retry_attempts");
    Map<String, Object> badType = new LinkedHashMap<>(doc);
    badType.put("auto_labels", Map.of("ACTION_FAILURE", Map.of("label_type", "nope", "label_value", "X")));
    assertThatThrownBy(() -> LabelEmissionPolicy.parse(badType))
        .hasMessageStartingWith("auto_labels.ACTION_FAILURE.label_type");
    Map<String, Object> badActor = new LinkedHashMap<>(doc);
    badActor.put("auto_label_actor", "robot");
    assertThatThrownBy(() -> LabelEmissionPolicy.parse(badActor)).hasMessageStartingWith("auto_label_actor");
  }
}
