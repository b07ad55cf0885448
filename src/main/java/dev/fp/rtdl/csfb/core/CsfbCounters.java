package dev.fp.rtdl.csfb.core;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.Counters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSFB's durable counters (reference rtdl §4 metrics, kept incrementally instead of by SQL over the run) and its
 * health rule.
 * <ul>
 *   <li>{@value #APPLIED}: context events applied (first delivery of an event id);</li>
 *   <li>{@value #FRAMES}: join frames created; {@value #BINDINGS}: flow bindings made;</li>
 *   <li>{@value #JOIN_HITS}: bindings whose frame has its arrival event, counted once when the second of anchor and
 *       arrival is applied; {@value #JOIN_MISSES}: a gauge, bindings whose arrival has not been applied (+1 when an
 *       anchor binds an arrival-less frame, −1 when that arrival comes);</li>
 *   <li>{@value #BINDING_CONFLICTS}: {@code FLOW_BINDING_*} failures; {@value #APPLY_FAILURES}: every failure record
 *       (late context included, as in the reference); {@value #LATE}: {@code LATE_CONTEXT_EVENT} records (applied);
 *       {@value #HARD_FAILURES}: failures that were not applied ({@code apply_failures − late_context_applied});</li>
 *   <li>{@value #DUPLICATES}: deliveries of an event, or of a rejected record, already settled.</li>
 * </ul>
 */
public final class CsfbCounters {
  public static final String APPLIED = "context_applied_total";
  public static final String FRAMES = "join_frames_total";
  public static final String BINDINGS = "flow_bindings_total";
  public static final String JOIN_HITS = "join_hits";
  public static final String JOIN_MISSES = "join_misses";
  public static final String BINDING_CONFLICTS = "binding_conflicts";
  public static final String APPLY_FAILURES = "apply_failures";
  public static final String LATE = "late_context_applied";
  public static final String HARD_FAILURES = "apply_failures_hard";
  public static final String DUPLICATES = "duplicates";
  public static final List<String> ALL = List.of(APPLIED, FRAMES, BINDINGS, JOIN_HITS, JOIN_MISSES,
      BINDING_CONFLICTS, APPLY_FAILURES, LATE, HARD_FAILURES, DUPLICATES);

  private CsfbCounters() {
  }

  /**
   * Health from the durable counters, the join misses that are overdue ({@code JoinMisses}: only those are faults;
   * a binding at the streamed data's edge is not) and the consumer's lag in seconds.
   */
  public static HealthReport health(Counters c, long overdueMisses, double secondsBehind, CsfbThresholds t) {
    List<String> red = new ArrayList<>();
    List<String> amber = new ArrayList<>();
    grade(overdueMisses, t.joinMissesAmber(), t.joinMissesRed(), "JOIN_MISSES", amber, red);
    grade(c.get(BINDING_CONFLICTS), t.bindingConflictsAmber(), t.bindingConflictsRed(), "BINDING_CONFLICTS", amber,
        red);
    grade(c.get(HARD_FAILURES), t.hardFailuresAmber(), t.hardFailuresRed(), "APPLY_FAILURES_HARD", amber, red);
    if (secondsBehind >= t.checkpointAgeRedSeconds()) {
      red.add("CHECKPOINT_AGE_RED");
    } else if (secondsBehind >= t.checkpointAgeAmberSeconds()) {
      amber.add("CHECKPOINT_AGE_AMBER");
    }
    List<String> reasons = new ArrayList<>(red);
    reasons.addAll(amber);
    HealthState state = !red.isEmpty() ? HealthState.RED : !amber.isEmpty() ? HealthState.AMBER : HealthState.GREEN;
    Map<String, Object> metrics = metrics(c);
    metrics.put("join_misses_overdue", overdueMisses);
    return new HealthReport(state, reasons, metrics);
  }

  /** The reference's metrics, in its order. */
  public static Map<String, Object> metrics(Counters c) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String n : List.of(JOIN_HITS, JOIN_MISSES, BINDING_CONFLICTS, APPLY_FAILURES, LATE, HARD_FAILURES)) {
      m.put(n, c.get(n));
    }
    return m;
  }

  private static void grade(long value, long amberAt, long redAt, String name, List<String> amber, List<String> red) {
    if (value >= redAt) {
      red.add(name + "_RED");
    } else if (value >= amberAt) {
      amber.add(name + "_AMBER");
    }
  }
}
