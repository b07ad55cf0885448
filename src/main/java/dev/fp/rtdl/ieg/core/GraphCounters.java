package dev.fp.rtdl.ieg.core;

import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.Counters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IEG's durable counters (reference rtdl §2 metrics, plus what the graph grew by), all of this run, and the health
 * rule over them.
 *
 * <ul>
 *   <li>{@value #EVENTS_SEEN}: in-run records read (each delivery); {@value #MUTATING_APPLIED}: graph-mutating events
 *       applied (new dedupe rows); {@value #DUPLICATE}: same event, same payload hash again;
 *       {@value #PAYLOAD_MISMATCH}: same event, another hash (each delivery); {@value #UNUSABLE}: deliveries that
 *       failed before the graph (each has a failure record); {@value #IRRELEVANT}: decision-lane and governance
 *       events passed over;</li>
 *   <li>{@value #ENTITIES_CREATED} and {@code entities_created_<type>} per {@link IdentityHints#ENTITY_TYPES entity
 *       type}; {@value #EDGES_CREATED}: links created (one per pair, stored both ways);</li>
 *   <li>{@value #APPLY_FAILURES}: distinct failure records (a replayed bad record is not counted twice).</li>
 * </ul>
 *
 * <p>Health (reference §2 thresholds; the event-time watermark of a historical world is no fault, so it plays no
 * part): RED at {@value #FAILURES_RED} apply failures, AMBER from one, else GREEN.
 */
public final class GraphCounters {
  public static final String EVENTS_SEEN = "events_seen";
  public static final String MUTATING_APPLIED = "mutating_applied";
  public static final String DUPLICATE = "duplicate";
  public static final String PAYLOAD_MISMATCH = "payload_mismatch";
  public static final String UNUSABLE = "unusable";
  public static final String IRRELEVANT = "irrelevant";
  public static final String ENTITIES_CREATED = "entities_created";
  public static final String EDGES_CREATED = "edges_created";
  public static final String APPLY_FAILURES = "apply_failures";
  public static final long FAILURES_RED = 100;
  /** The reference's six metrics, in its order. */
  public static final List<String> REFERENCE = List.of(EVENTS_SEEN, MUTATING_APPLIED, DUPLICATE, PAYLOAD_MISMATCH,
      UNUSABLE, IRRELEVANT);
  public static final List<String> ALL = all();

  private GraphCounters() {
  }

  private static List<String> all() {
    List<String> names = new ArrayList<>(REFERENCE);
    names.add(ENTITIES_CREATED);
    IdentityHints.ENTITY_TYPES.forEach(t -> names.add(entitiesCreated(t)));
    names.add(EDGES_CREATED);
    names.add(APPLY_FAILURES);
    return List.copyOf(names);
  }

  /** {@code entities_created_<type>}. */
  public static String entitiesCreated(String entityType) {
    return ENTITIES_CREATED + "_" + entityType;
  }

  public static HealthReport health(Counters c) {
    long failures = c.get(APPLY_FAILURES);
    List<String> reasons = new ArrayList<>();
    HealthState state = HealthState.GREEN;
    if (failures >= FAILURES_RED) {
      state = HealthState.RED;
      reasons.add("APPLY_FAILURES_RED");
    } else if (failures >= 1) {
      state = HealthState.AMBER;
      reasons.add("APPLY_FAILURES_AMBER");
    }
    return new HealthReport(state, reasons, reference(c));
  }

  /** The reference's metrics, then entities and edges created and the failure count. */
  public static Map<String, Object> reference(Counters c) {
    Map<String, Object> m = new LinkedHashMap<>();
    ALL.forEach(n -> m.put(n, c.get(n)));
    return m;
  }

  /** Entities created by type (every type, zero included). */
  public static Map<String, Long> entitiesByType(Counters c) {
    Map<String, Long> m = new LinkedHashMap<>();
    IdentityHints.ENTITY_TYPES.forEach(t -> m.put(t, c.get(entitiesCreated(t))));
    return m;
  }
}
