package dev.fp.control.wsp.core;

import dev.fp.contract.ReadySignal;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyChecksTest {
  static final String PRID = "platform_20260210T091951Z";
  static final String SRID = "7e0847b8622533045c5b69bce61c88bd";

  static ReadySignal ready(String prid, String srid) {
    return new ReadySignal("m", SRID, prid, srid, "ref", "b", "baseline_v1", null, null, null);
  }

  static RunFacts facts(String prid, String srid) {
    return RunFacts.parse(Map.of("run_id", SRID, "pins", prid == null ? Map.of("scenario_run_id", srid)
        : Map.of("platform_run_id", prid, "scenario_run_id", srid, "scenario_id", "baseline_v1")), "facts");
  }

  @Test
  void shouldPassMatchingPins() {
    assertThat(ReadyChecks.pinMismatch(ready(PRID, SRID), facts(PRID, SRID))).isEmpty();
  }

  @Test
  void shouldNameEachPinProblem() {
    assertThat(ReadyChecks.pinMismatch(ready(PRID, SRID), facts(null, SRID))).contains("PLATFORM_RUN_ID_MISSING");
    assertThat(ReadyChecks.pinMismatch(ready(PRID, SRID), facts("platform_20260210T091952Z", SRID)))
        .contains("PLATFORM_RUN_ID_MISMATCH");
    assertThat(ReadyChecks.pinMismatch(ready(PRID, SRID), facts(PRID, "0".repeat(32))))
        .contains("SCENARIO_RUN_ID_MISMATCH");
  }

  @Test
  void shouldSkipReadiesOfAnotherActiveRun() {
    assertThat(ReadyChecks.scopeMismatch(ready(PRID, SRID), Optional.of("platform_20260210T091952Z")))
        .contains("PLATFORM_RUN_SCOPE_MISMATCH");
    assertThat(ReadyChecks.scopeMismatch(ready(PRID, SRID), Optional.of(PRID))).isEmpty();
    assertThat(ReadyChecks.scopeMismatch(ready(PRID, SRID), Optional.empty())).isEmpty();
  }

  @Test
  void shouldRefuseFactsWithoutPins() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunFacts.parse(Map.of("run_id", SRID), "x"))
        .hasMessageContaining("RUN_FACTS_INVALID");
  }
}
