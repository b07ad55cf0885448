package dev.fp.ingress.ig.core;

import dev.fp.contract.ReasonCodes;
import dev.fp.substrate.eventlog.EbRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExistingRowsTest {
  private static final ExistingRows RULES = new ExistingRows(1, 30);
  private static final Checked.Candidate C = (Checked.Candidate) IgSamples.checks().check(IgSamples.traffic(),
      IgSamples.ANY);
  private static final EbRef EB = new EbRef("fp.bus.traffic.fraud.v1", 0, "7", "file_line", "t");

  private static AdmissionRow row(AdmissionState state, String stored, String payloadHash) {
    return new AdmissionRow(C.dedupeKey(), state, stored, IgSamples.RUN, C.eventClass(), C.eventId(), C.eventType(),
        payloadHash, EB.topic(), state == AdmissionState.ADMITTED ? EB : null, "t", "r", "ref", false, null);
  }

  @Test
  void shouldAnswerDuplicateForAnAdmittedIdentityWithTheSamePayload() {
    AdmissionRow r = row(AdmissionState.ADMITTED, "ADMITTED", C.payloadHash());
    assertThat(RULES.resolve(C, r)).isEqualTo(new Resolution.Duplicate(r));
  }

  @Test
  void shouldQuarantineTheSameIdentityWithAnotherPayloadWhateverTheState() {
    for (AdmissionState s : AdmissionState.values()) {
      Resolution r = RULES.resolve(C, row(s, s.name(), "other"));
      assertThat(r).isInstanceOf(Resolution.Quarantine.class);
      assertThat(((Resolution.Quarantine) r).reason()).isEqualTo(ReasonCodes.PAYLOAD_HASH_MISMATCH);
    }
  }

  @Test
  void shouldAskForARetryWhilePublishIsInFlightOrAmbiguous() {
    assertThat(RULES.resolve(C, row(AdmissionState.PUBLISH_IN_FLIGHT, "PUBLISH_IN_FLIGHT", C.payloadHash())))
        .isEqualTo(new Resolution.Retry(ExistingRows.PUBLISH_IN_FLIGHT_RETRY,
            "event " + C.eventId() + " is being published; retry", 1));
    Resolution amb = RULES.resolve(C, row(AdmissionState.PUBLISH_AMBIGUOUS, "PUBLISH_AMBIGUOUS", C.payloadHash()));
    assertThat(((Resolution.Retry) amb).error()).isEqualTo(ExistingRows.PUBLISH_AMBIGUOUS_RETRY);
    assertThat(((Resolution.Retry) amb).retryAfterSeconds()).isEqualTo(30);
  }

  @Test
  void shouldReclaimARowAnOperatorReleased() {
    AdmissionRow r = row(AdmissionState.PUBLISH_RELEASED, "PUBLISH_RELEASED", C.payloadHash());
    assertThat(RULES.resolve(C, r)).isEqualTo(new Resolution.Reclaim(r));
  }

  @Test
  void shouldQuarantineAStoredStateThisBuildDoesNotKnow() {
    Resolution r = RULES.resolve(C, row(null, "LEGACY", C.payloadHash()));
    assertThat(((Resolution.Quarantine) r).reason()).isEqualTo(ReasonCodes.ADMISSION_STATE_INVALID);
  }
}
