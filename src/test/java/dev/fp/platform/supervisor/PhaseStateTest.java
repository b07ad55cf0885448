package dev.fp.platform.supervisor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhaseStateTest {

  @Test
  void shouldFollowTheSeedOrder() {
    assertThat(Phase.P0.next()).isEqualTo(Phase.P1);
    assertThat(Phase.P11.next()).isEqualTo(Phase.P12);
    assertThat(Phase.P12.next()).isNull();
    assertThat(Phase.P3.label()).isEqualTo("P3 ORACLE_READY");
  }

  @Test
  void shouldAllowRetryOnlyWhereTheSeedDoes() {
    assertThat(java.util.Arrays.stream(Phase.values()).filter(Phase::retryAllowed))
        .containsExactly(Phase.P3, Phase.P5, Phase.P6, Phase.P11);
  }

  @Test
  void shouldRejectIllegalTransitionNamingBothStates() {
    assertThatThrownBy(() -> PhaseState.PASSED.moveTo(PhaseState.RUNNING))
        .isInstanceOf(IllegalStateException.class).hasMessage("illegal phase transition PASSED -> RUNNING");
    assertThatThrownBy(() -> PhaseState.PENDING.moveTo(PhaseState.PASSED))
        .hasMessage("illegal phase transition PENDING -> PASSED");
  }

  @Test
  void shouldCountAttemptsAcrossRetries() {
    PhaseRecord r = PhaseRecord.pending(Phase.P3).start("t0");
    r = r.finish(PhaseState.FAILED, "t1", 5, null, java.util.List.of(), "gate failed");
    r = r.start("t2");
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.state()).isEqualTo(PhaseState.RUNNING);
  }
}
