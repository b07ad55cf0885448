package dev.fp.control.wsp.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class PackGateTest {
  static final String RUN = "platform_20260210T091951Z";
  static final LongPredicate ALIVE = pid -> pid == 100;

  static Map<String, Object> state(Object run, Object processes) {
    return run == null ? Map.of("jvm_pid", 100, "processes", processes)
        : Map.of("active_platform_run_id", run, "jvm_pid", 100, "processes", processes);
  }

  static Optional<String> check(Object state, List<String> expected) {
    return PackGate.notReady("p", state, expected, RUN, true, ALIVE);
  }

  @Test
  void shouldPassWhenEveryProcessRunsInALiveJvmForTheReadyRun() {
    Object processes = Map.of("a", Map.of("running", true), "b", Map.of("running", true, "jvm_pid", 100));

    assertThat(check(state(RUN, processes), List.of("a", "b"))).isEmpty();
  }

  @Test
  void shouldNameEachReadinessProblem() {
    Map<String, Object> running = Map.of("a", Map.of("running", true));
    assertThat(check(null, List.of())).contains("PACK_STATE_MISSING:p");
    assertThat(check("garbage", List.of())).contains("PACK_STATE_INVALID:p");
    assertThat(check(state(null, running), List.of())).contains("PACK_ACTIVE_RUN_MISSING:p");
    assertThat(check(state("platform_20260210T091952Z", running), List.of()))
        .contains("PACK_ACTIVE_RUN_MISMATCH:p:platform_20260210T091952Z->" + RUN);
    assertThat(check(Map.of("active_platform_run_id", RUN), List.of())).contains("PACK_PROCESSES_MISSING:p");
    assertThat(check(state(RUN, running), List.of("a", "c"))).contains("PACK_PROCESS_MISSING:p:c");
    assertThat(check(state(RUN, Map.of("a", Map.of("running", false))), List.of()))
        .contains("PACK_PROCESS_NOT_RUNNING:p:a");
    assertThat(check(state(RUN, Map.of("a", Map.of("running", true, "jvm_pid", 7))), List.of()))
        .contains("PACK_PROCESS_NOT_RUNNING:p:a");
  }

  @Test
  void shouldIgnoreTheRunWhenNoMatchIsRequired() {
    Object state = state("platform_20260210T091952Z", Map.of("a", Map.of("running", true)));

    assertThat(PackGate.notReady("p", state, List.of("a"), RUN, false, ALIVE)).isEmpty();
  }
}
