package dev.fp.control.sr.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run_status state machine of control_ingress §3.4. */
class RunStateTest {

  @Test
  void shouldAllowTheReuseFlowTransitions() {
    assertThat(RunState.OPEN.canMoveTo(RunState.PLANNED)).isTrue();
    assertThat(RunState.PLANNED.canMoveTo(RunState.WAITING_EVIDENCE)).isTrue();
    assertThat(RunState.WAITING_EVIDENCE.canMoveTo(RunState.READY)).isTrue();
    assertThat(RunState.PLANNED.canMoveTo(RunState.QUARANTINED)).isTrue();
  }

  @Test
  void shouldKeepTerminalStatesTerminal() {
    for (RunState terminal : new RunState[] {RunState.READY, RunState.FAILED, RunState.QUARANTINED}) {
      assertThat(terminal.terminal()).isTrue();
      assertThat(terminal.canMoveTo(terminal)).isTrue();
      assertThat(terminal.canMoveTo(RunState.PLANNED)).isFalse();
    }
    assertThatThrownBy(() -> RunState.READY.checkMove(RunState.WAITING_EVIDENCE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("READY").hasMessageContaining("WAITING_EVIDENCE");
  }

  @Test
  void shouldNotSetAResubmittedRunBackToAnEarlierState() {
    assertThat(RunState.WAITING_EVIDENCE.isBeyond(RunState.PLANNED)).isTrue();
    assertThat(RunState.READY.isBeyond(RunState.OPEN)).isTrue();
    assertThat(RunState.OPEN.isBeyond(RunState.PLANNED)).isFalse();
  }
}
