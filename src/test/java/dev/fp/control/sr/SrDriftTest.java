package dev.fp.control.sr;

import dev.fp.control.sr.core.SrException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fp.control.sr.SrTestSupport.KEY;
import static dev.fp.control.sr.SrTestSupport.KEYS;
import static dev.fp.control.sr.SrTestSupport.controlMessages;
import static dev.fp.control.sr.SrTestSupport.object;
import static dev.fp.control.sr.SrTestSupport.overwrite;
import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write-once artifacts: a re-submission that would write something else stops on the artifact's drift code. */
class SrDriftTest {
  @TempDir
  Path tmp;
  SrFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = SrFixture.embedded(tmp);
    await(fx.service().run(fx.request(KEY)));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private void assertStopsWith(SrRequest request, String code) {
    assertThatThrownBy(() -> await(fx.service().run(request))).isInstanceOf(SrException.class)
        .hasMessageStartingWith(code);
  }

  @Test
  void shouldStopOnPlanDriftWhenTheSameKeyAsksForOtherOutputs() throws Exception {
    assertStopsWith(fx.request(KEY, List.of("arrival_events_5B")), "PLAN_DRIFT");
    assertThat(object(fx, KEYS.plan()).get("intended_outputs")).asList().hasSize(4);
  }

  @Test
  void shouldStopOnPlanDriftWhenTheStoredPlanWasChanged() throws Exception {
    Map<String, Object> plan = new LinkedHashMap<>(object(fx, KEYS.plan()));
    plan.put("attempt_limit", 3);
    overwrite(fx, KEYS.plan(), plan);

    assertStopsWith(fx.request(KEY), "PLAN_DRIFT");
  }

  @Test
  void shouldStopOnFactsViewDriftWhenTheStoredFactsDiffer() throws Exception {
    Map<String, Object> facts = new LinkedHashMap<>(object(fx, KEYS.factsView()));
    facts.put("bundle_hash", "0".repeat(64));
    overwrite(fx, KEYS.factsView(), facts);

    assertStopsWith(fx.request(KEY), "FACTS_VIEW_DRIFT");
  }

  @Test
  void shouldStopOnReadySignalDriftWhenTheStoredSignalDiffers() throws Exception {
    Map<String, Object> signal = new LinkedHashMap<>(object(fx, KEYS.readySignal()));
    signal.put("plan_hash", "0".repeat(64));
    overwrite(fx, KEYS.readySignal(), signal);

    assertStopsWith(fx.request(KEY), "READY_SIGNAL_DRIFT");
    assertThat(controlMessages(fx)).hasSize(1);
  }
}
