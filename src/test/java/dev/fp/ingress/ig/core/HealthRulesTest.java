package dev.fp.ingress.ig.core;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {
  private static final HealthRules RULES = new HealthRules(3, 3, 0.8);

  private static HealthReport eval(int osFailures, boolean osProbe, boolean db, int pubFailures, Boolean bus,
                                   long ambiguous, int queued) {
    return RULES.evaluate(new HealthInputs(osFailures, osProbe, db, 0, pubFailures, bus, ambiguous, queued, 100, 0), Map.of());
  }

  @Test
  void shouldBeGreenWhenEverythingAnswers() {
    HealthReport r = eval(0, true, true, 0, true, 0, 0);
    assertThat(r.state()).isEqualTo(HealthState.GREEN);
    assertThat(r.reasons()).isEmpty();
  }

  @Test
  void shouldTurnRedOnStoreDbOrBusFailures() {
    assertThat(eval(3, true, true, 0, true, 0, 0).reasons()).containsExactly("OBJECT_STORE_UNHEALTHY");
    assertThat(eval(2, true, true, 0, true, 0, 0).state()).isEqualTo(HealthState.GREEN);
    assertThat(eval(0, false, true, 0, true, 0, 0).reasons()).containsExactly("OBJECT_STORE_UNHEALTHY");
    assertThat(eval(0, true, false, 0, true, 0, 0).reasons()).containsExactly("OPS_DB_UNHEALTHY");
    assertThat(eval(0, true, true, 3, true, 0, 0).reasons()).containsExactly("BUS_UNHEALTHY");
    assertThat(eval(0, true, true, 0, false, 0, 0).state()).isEqualTo(HealthState.RED);
  }

  @Test
  void shouldTurnAmberOnSlowDbProbesAndRedOnceTheyPersist() {
    for (int slow = 1; slow < HealthRules.SLOW_DB_PROBES_RED; slow++) {
      HealthReport r = RULES.evaluate(new HealthInputs(0, true, true, slow, 0, true, 0, 0, 100, 0), Map.of());
      assertThat(r.state()).isEqualTo(HealthState.AMBER);
      assertThat(r.reasons()).containsExactly("OPS_DB_SLOW");
    }
    HealthReport hung = RULES.evaluate(new HealthInputs(0, true, true, HealthRules.SLOW_DB_PROBES_RED, 0, true, 0, 0,
        100, 0), Map.of());
    assertThat(hung.reasons()).containsExactly("OPS_DB_UNHEALTHY");
    HealthReport failedWhileSlow = RULES.evaluate(new HealthInputs(0, true, false, 1, 0, true, 0, 0, 100, 0), Map.of());
    assertThat(failedWhileSlow.reasons()).containsExactly("OPS_DB_UNHEALTHY");
  }

  @Test
  void shouldReportAmbiguitySaturationAndUnknownBusAsAmber() {
    HealthReport r = eval(0, true, true, 0, null, 2, 80);
    assertThat(r.state()).isEqualTo(HealthState.AMBER);
    assertThat(r.reasons()).containsExactly("BUS_HEALTH_UNKNOWN", "PUBLISH_AMBIGUOUS_UNRESOLVED",
        "ADMISSION_QUEUE_SATURATED");
  }

  @Test
  void shouldListRedReasonsBeforeAmberOnes() {
    HealthReport r = eval(0, true, false, 0, true, 1, 0);
    assertThat(r.state()).isEqualTo(HealthState.RED);
    assertThat(r.reasons()).containsExactly("OPS_DB_UNHEALTHY", "PUBLISH_AMBIGUOUS_UNRESOLVED");
  }
}
