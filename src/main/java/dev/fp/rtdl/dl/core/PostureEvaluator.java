package dev.fp.rtdl.dl.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ladder's evaluation (reference rtdl §5), pure and deterministic: signal samples → per-signal states → the
 * baseline mode → hysteresis against the prior posture. Any required signal not OK ⇒ FAIL_CLOSED; an optional one in
 * ERROR ⇒ DEGRADED_2, MISSING or STALE ⇒ DEGRADED_1; else NORMAL. A stricter baseline applies at once; a looser one
 * only after it has held for the quiet period.
 */
public final class PostureEvaluator {
  /** A sample stamped this far after "now" is still accepted (files written by this machine's other processes). */
  static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(2);

  private final LadderPolicy policy;

  public PostureEvaluator(LadderPolicy policy) {
    this.policy = policy;
  }

  public LadderPolicy policy() {
    return policy;
  }

  /**
   * The next posture of {@code scopeKey}. Never throws: an evaluation that fails yields FAIL_CLOSED with reason
   * {@code EVALUATOR_FAIL_CLOSED:<exception>}.
   *
   * @param prior      the stored posture, or null on the first evaluation
   * @param graceUntil until when a signal with no sample yet counts as OK ({@code BOOTSTRAP_PENDING})
   */
  public Posture next(String scopeKey, Posture prior, List<SignalSample> samples, Instant now, Instant graceUntil) {
    try {
      return evaluate(scopeKey, prior, samples, now, graceUntil);
    } catch (RuntimeException e) {
      return posture(scopeKey, prior, Mode.FAIL_CLOSED, Mode.FAIL_CLOSED, 0,
          prior == null ? Posture.INITIAL : prior.mode() == Mode.FAIL_CLOSED ? Posture.STEADY : Posture.MODE_CHANGE,
          "EVALUATOR_FAIL_CLOSED:" + e.getClass().getSimpleName(), Map.of(), "", now);
    }
  }

  private Posture evaluate(String scopeKey, Posture prior, List<SignalSample> samples, Instant now,
                           Instant graceUntil) {
    Map<String, SignalSample> byName = new HashMap<>();
    samples.forEach(s -> byName.put(s.name(), s));
    Map<String, String> states = new TreeMap<>();
    Map<String, Object> snapshot = new TreeMap<>();
    List<String> tracked = new ArrayList<>(policy.requiredSignals());
    tracked.addAll(policy.optionalSignals());
    for (String name : tracked) {
      SignalSample s = byName.get(name);
      boolean pending = s == null && now.isBefore(graceUntil);
      SignalState state = pending ? SignalState.OK : state(s, now);
      states.put(name, state.name());
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("state", state.name());
      seen.put("observed_at_utc", s == null ? null : Timestamps.format(s.observedAt()));
      seen.put("source", s == null ? null : s.source());
      seen.put("detail", pending ? "BOOTSTRAP_PENDING" : s == null ? "no sample" : s.detail());
      snapshot.put(name, seen);
    }
    String digest = Hashing.canonicalHash(Map.of("signals", snapshot, "policy_rev", policy.policyRev()));

    List<String> requiredBad = bad(policy.requiredSignals(), states, null);
    List<String> optionalError = bad(policy.optionalSignals(), states, SignalState.ERROR);
    List<String> optionalGap = bad(policy.optionalSignals(), states, null);
    Mode baseline;
    String why;
    if (!requiredBad.isEmpty()) {
      baseline = Mode.FAIL_CLOSED;
      why = "required_signal_gap:" + String.join(",", requiredBad);
    } else if (!optionalError.isEmpty()) {
      baseline = Mode.DEGRADED_2;
      why = "optional_signal_error:" + String.join(",", optionalError);
    } else if (!optionalGap.isEmpty()) {
      baseline = Mode.DEGRADED_1;
      why = "optional_signal_gap:" + String.join(",", optionalGap);
    } else {
      baseline = Mode.NORMAL;
      why = "all_signals_ok";
    }

    if (prior == null) {
      return posture(scopeKey, null, baseline, baseline, 0, Posture.INITIAL,
          reason(baseline, why, "initial:" + baseline), states, digest, now);
    }
    Mode current = prior.mode();
    if (baseline.stricterThan(current)) {
      return posture(scopeKey, prior, baseline, baseline, 0, Posture.MODE_CHANGE,
          reason(baseline, why, "downshift:" + current + "->" + baseline), states, digest, now);
    }
    if (baseline == current) {
      return posture(scopeKey, prior, current, baseline, 0, Posture.STEADY, reason(baseline, why, "steady_state"),
          states, digest, now);
    }
    long elapsed = Math.max(0, Duration.between(Timestamps.parse(prior.decidedAtUtc()), now).toMillis());
    long quiet = prior.quietHeldMillis() + elapsed;
    long needed = policy.upshiftQuietPeriodSeconds() * 1000;
    if (quiet >= needed) {
      return posture(scopeKey, prior, baseline, baseline, 0, Posture.MODE_CHANGE,
          reason(baseline, why, "upshift_to_baseline:" + current + "->" + baseline), states, digest, now);
    }
    return posture(scopeKey, prior, current, baseline, quiet, Posture.UPSHIFT_HELD,
        reason(baseline, why, "upshift_held_quiet_period:" + quiet / 1000 + "s<" + needed / 1000 + "s"), states,
        digest, now);
  }

  private SignalState state(SignalSample s, Instant now) {
    if (s == null) {
      return SignalState.MISSING;
    }
    if (s.observedAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      return SignalState.ERROR;
    }
    if (Duration.between(s.observedAt(), now).getSeconds() > policy.requiredMaxAgeSeconds()) {
      return SignalState.STALE;
    }
    return s.ok() ? SignalState.OK : SignalState.ERROR;
  }

  private static List<String> bad(List<String> names, Map<String, String> states, SignalState only) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String st = states.get(n);
      if (only == null ? !st.equals(SignalState.OK.name()) : st.equals(only.name())) {
        out.add(n);
      }
    }
    return out;
  }

  private static String reason(Mode baseline, String why, String transition) {
    return "baseline=" + baseline + ";why=" + why + ";transition=" + transition;
  }

  private Posture posture(String scopeKey, Posture prior, Mode mode, Mode baseline, long quiet, String kind,
                          String reason, Map<String, String> states, String digest, Instant now) {
    return new Posture(scopeKey, mode, prior == null ? 1 : prior.postureSeq() + 1, Timestamps.format(now), reason,
        baseline, quiet, kind, states, digest, policy.capabilities(mode), policy.policyId(), policy.revision(),
        policy.contentDigest());
  }
}
