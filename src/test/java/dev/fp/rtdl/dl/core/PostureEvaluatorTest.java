package dev.fp.rtdl.dl.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PostureEvaluatorTest {
  static final String SCOPE = "scope=GLOBAL";
  static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  static final Instant NO_GRACE = Instant.EPOCH;
  static final List<String> REQUIRED = List.of("ofp_health", "ieg_health", "csfb_health", "eb_consumer_lag",
      "posture_store_health");

  final PostureEvaluator ladder = new PostureEvaluator(policy());

  static LadderPolicy policy() {
    try {
      return LadderPolicy.parse(LadderPolicyTest.shipped());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<SignalSample> allOk(Instant at) {
    List<SignalSample> s = new ArrayList<>();
    for (String n : REQUIRED) {
      s.add(new SignalSample(n, at, true, "test", "ok"));
    }
    s.add(new SignalSample("ig_health", at, true, "test", "ok"));
    return s;
  }

  static List<SignalSample> with(List<SignalSample> base, SignalSample replacement) {
    List<SignalSample> s = new ArrayList<>(base.stream().filter(x -> !x.name().equals(replacement.name())).toList());
    s.add(replacement);
    return s;
  }

  static List<SignalSample> without(List<SignalSample> base, String name) {
    return base.stream().filter(x -> !x.name().equals(name)).toList();
  }

  @Test
  void shouldStartNormalWhenEverySignalIsOk() {
    Posture p = ladder.next(SCOPE, null, allOk(T0), T0, NO_GRACE);
    assertThat(p.mode()).isEqualTo(Mode.NORMAL);
    assertThat(p.postureSeq()).isEqualTo(1);
    assertThat(p.changeKind()).isEqualTo(Posture.INITIAL);
    assertThat(p.decidedAtUtc()).isEqualTo("2026-12-06T12:00:00.000000Z");
    assertThat(p.reason()).isEqualTo("baseline=NORMAL;why=all_signals_ok;transition=initial:NORMAL");
    assertThat(p.capabilities().actionPosture()).isEqualTo("NORMAL");
    assertThat(p.signalStates()).containsEntry("ofp_health", "OK").hasSize(6);
  }

  @Test
  void shouldFailClosedOnAMissingRequiredSignalAfterTheGraceOnly() {
    List<SignalSample> noIeg = without(allOk(T0), "ieg_health");
    Posture inGrace = ladder.next(SCOPE, null, noIeg, T0, T0.plusSeconds(90));
    assertThat(inGrace.mode()).isEqualTo(Mode.NORMAL);
    Posture after = ladder.next(SCOPE, null, noIeg, T0, NO_GRACE);
    assertThat(after.mode()).isEqualTo(Mode.FAIL_CLOSED);
    assertThat(after.reason()).startsWith("baseline=FAIL_CLOSED;why=required_signal_gap:ieg_health;");
    assertThat(after.signalStates()).containsEntry("ieg_health", "MISSING");
    assertThat(after.capabilities().allowIeg()).isFalse();
  }

  @Test
  void shouldTreatStaleErroredAndFutureSamplesAsNotOk() {
    Instant now = T0.plusSeconds(200);
    List<SignalSample> fresh = allOk(now);
    assertThat(ladder.next(SCOPE, null, with(fresh, new SignalSample("ofp_health", T0, true, "t", "old")), now,
        NO_GRACE).signalStates()).containsEntry("ofp_health", "STALE");
    assertThat(ladder.next(SCOPE, null, with(fresh, new SignalSample("ofp_health", now, false, "t", "RED")), now,
        NO_GRACE).signalStates()).containsEntry("ofp_health", "ERROR");
    assertThat(ladder.next(SCOPE, null, with(fresh, new SignalSample("ofp_health", now.plusSeconds(60), true, "t",
        "clock ahead")), now, NO_GRACE).signalStates()).containsEntry("ofp_health", "ERROR");
    // a sample exactly at the age limit is still OK; one second more is stale
    assertThat(ladder.next(SCOPE, null, with(fresh, new SignalSample("ofp_health", now.minusSeconds(120), true, "t",
        "edge")), now, NO_GRACE).signalStates()).containsEntry("ofp_health", "OK");
    assertThat(ladder.next(SCOPE, null, with(fresh, new SignalSample("ofp_health", now.minusSeconds(121), true, "t",
        "edge")), now, NO_GRACE).signalStates()).containsEntry("ofp_health", "STALE");
  }

  @Test
  void shouldDegradeOnOptionalSignalsOnly() {
    Posture error = ladder.next(SCOPE, null, with(allOk(T0), new SignalSample("ig_health", T0, false, "t", "RED")),
        T0, NO_GRACE);
    assertThat(error.mode()).isEqualTo(Mode.DEGRADED_2);
    assertThat(error.reason()).contains("why=optional_signal_error:ig_health");
    Posture missing = ladder.next(SCOPE, null, without(allOk(T0), "ig_health"), T0, NO_GRACE);
    assertThat(missing.mode()).isEqualTo(Mode.DEGRADED_1);
    assertThat(missing.capabilities().allowedFeatureGroups()).containsExactly("core_features", "velocity");
  }

  @Test
  void shouldDownshiftAtOnceAndUpshiftOnlyAfterTheQuietPeriod() {
    Posture p1 = ladder.next(SCOPE, null, allOk(T0), T0, NO_GRACE);
    Instant t1 = T0.plusSeconds(1);
    Posture p2 = ladder.next(SCOPE, p1, with(allOk(t1), new SignalSample("csfb_health", t1, false, "t", "RED")), t1,
        NO_GRACE);
    assertThat(p2.mode()).isEqualTo(Mode.FAIL_CLOSED);
    assertThat(p2.changeKind()).isEqualTo(Posture.MODE_CHANGE);
    assertThat(p2.reason()).endsWith("transition=downshift:NORMAL->FAIL_CLOSED");

    Posture held = p2;
    for (int s : new int[] {2, 31}) {           // healthy again, but held below the 60 s quiet period
      Instant t = T0.plusSeconds(s);
      held = ladder.next(SCOPE, held, allOk(t), t, NO_GRACE);
      assertThat(held.mode()).isEqualTo(Mode.FAIL_CLOSED);
      assertThat(held.changeKind()).isEqualTo(Posture.UPSHIFT_HELD);
      assertThat(held.baseline()).isEqualTo(Mode.NORMAL);
    }
    assertThat(held.quietHeldMillis()).isEqualTo(30_000);
    assertThat(held.reason()).endsWith("transition=upshift_held_quiet_period:30s<60s");

    Instant t62 = T0.plusSeconds(62);
    Posture up = ladder.next(SCOPE, held, allOk(t62), t62, NO_GRACE);
    assertThat(up.mode()).isEqualTo(Mode.NORMAL);
    assertThat(up.changeKind()).isEqualTo(Posture.MODE_CHANGE);
    assertThat(up.reason()).endsWith("transition=upshift_to_baseline:FAIL_CLOSED->NORMAL");
    assertThat(up.postureSeq()).isEqualTo(5);
    assertThat(up.quietHeldMillis()).isZero();
  }

  @Test
  void shouldRestartTheQuietPeriodWhenTheSignalsRelapse() {
    Posture p = ladder.next(SCOPE, null, without(allOk(T0), "ig_health"), T0, NO_GRACE);   // DEGRADED_1
    Instant t50 = T0.plusSeconds(50);
    p = ladder.next(SCOPE, p, allOk(t50), t50, NO_GRACE);
    assertThat(p.quietHeldMillis()).isEqualTo(50_000);
    Instant t55 = T0.plusSeconds(55);
    p = ladder.next(SCOPE, p, without(allOk(t55), "ig_health"), t55, NO_GRACE);
    assertThat(p.changeKind()).isEqualTo(Posture.STEADY);
    assertThat(p.quietHeldMillis()).isZero();
    Instant t70 = T0.plusSeconds(70);
    p = ladder.next(SCOPE, p, allOk(t70), t70, NO_GRACE);
    assertThat(p.mode()).isEqualTo(Mode.DEGRADED_1);
  }

  @Test
  void shouldBeAFunctionOfItsInputs() {
    Posture a = ladder.next(SCOPE, null, allOk(T0), T0, NO_GRACE);
    Posture b = ladder.next(SCOPE, null, allOk(T0), T0, NO_GRACE);
    assertThat(a).isEqualTo(b);
    Posture c = ladder.next(SCOPE, null, with(allOk(T0), new SignalSample("ofp_health", T0, true, "t", "other")),
        T0, NO_GRACE);
    assertThat(c.snapshotDigest()).isNotEqualTo(a.snapshotDigest());
  }

  @Test
  void shouldFailClosedWhenTheEvaluationItselfFails() {
    // an upshift needs the prior decision time; an unreadable one must not open the ladder
    Posture broken = new Posture(SCOPE, Mode.FAIL_CLOSED, 7, "not a time", "r", Mode.FAIL_CLOSED, 0, Posture.STEADY,
        Map.of(), "d", policy().capabilities(Mode.FAIL_CLOSED), "p", "r1", "x");
    Posture p = ladder.next(SCOPE, broken, allOk(T0), T0, NO_GRACE);
    assertThat(p.mode()).isEqualTo(Mode.FAIL_CLOSED);
    assertThat(p.reason()).isEqualTo("EVALUATOR_FAIL_CLOSED:IllegalArgumentException");
    assertThat(p.postureSeq()).isEqualTo(8);
  }
}
