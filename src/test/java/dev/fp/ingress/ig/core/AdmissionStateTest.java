package dev.fp.ingress.ig.core;

import org.junit.jupiter.api.Test;

import static dev.fp.ingress.ig.core.AdmissionState.ADMITTED;
import static dev.fp.ingress.ig.core.AdmissionState.PUBLISH_AMBIGUOUS;
import static dev.fp.ingress.ig.core.AdmissionState.PUBLISH_IN_FLIGHT;
import static dev.fp.ingress.ig.core.AdmissionState.PUBLISH_RELEASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionStateTest {
  @Test
  void shouldAllowOnlyTheDrawnTransitions() {
    assertThat(PUBLISH_IN_FLIGHT.canMoveTo(ADMITTED)).isTrue();
    assertThat(PUBLISH_IN_FLIGHT.canMoveTo(PUBLISH_AMBIGUOUS)).isTrue();
    assertThat(PUBLISH_AMBIGUOUS.canMoveTo(ADMITTED)).isTrue();
    assertThat(PUBLISH_AMBIGUOUS.canMoveTo(PUBLISH_RELEASED)).isTrue();
    assertThat(PUBLISH_RELEASED.canMoveTo(PUBLISH_IN_FLIGHT)).isTrue();
    assertThat(PUBLISH_AMBIGUOUS.canMoveTo(PUBLISH_IN_FLIGHT)).as("no blind republish").isFalse();
    for (AdmissionState s : AdmissionState.values()) {
      assertThat(ADMITTED.canMoveTo(s)).isFalse();
    }
  }

  @Test
  void shouldNameBothStatesOnAnIllegalMove() {
    assertThatThrownBy(() -> ADMITTED.moveTo(PUBLISH_IN_FLIGHT)).isInstanceOf(IllegalStateException.class)
        .hasMessage("admission state ADMITTED cannot move to PUBLISH_IN_FLIGHT");
  }

  @Test
  void shouldParseOnlyKnownStoredStates() {
    assertThat(AdmissionState.parse("ADMITTED")).contains(ADMITTED);
    assertThat(AdmissionState.parse("admitted")).isEmpty();
    assertThat(AdmissionState.parse(null)).isEmpty();
  }
}
