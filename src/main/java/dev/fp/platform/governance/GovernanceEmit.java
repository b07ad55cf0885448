package dev.fp.platform.governance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One governance event a component asks the log to record (reference case_ops_obs §5.2). The event id is derived from
 * family, run, scenario, source component and the dedupe key (or the details when there is none), so emitting the
 * same request twice records one event.
 *
 * @param scenarioRunId   the SR scenario run, or null when the event concerns the platform run as a whole
 * @param sourceType      SYSTEM or HUMAN (normalised by the log)
 * @param dedupeKey       stable key of the fact, e.g. {@code run_report_generated:<run>}; null to key on details
 * @param details         family-specific details (JSON values only)
 */
public record GovernanceEmit(GovernanceFamily family, String platformRunId, String scenarioRunId, String actorId,
                             String sourceType, String sourceComponent, String dedupeKey, Map<String, Object> details) {

  public GovernanceEmit {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(platformRunId, "platformRunId");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(sourceComponent, "sourceComponent");
    details = details == null ? Map.of() : new LinkedHashMap<>(details);
  }

  /** A SYSTEM event of {@code component} (actor {@code SYSTEM::<component>}) keyed on {@code dedupeKey}. */
  public static GovernanceEmit system(GovernanceFamily family, String platformRunId, String component,
                                     String dedupeKey, Map<String, Object> details) {
    return new GovernanceEmit(family, platformRunId, null, "SYSTEM::" + component, "SYSTEM", component, dedupeKey,
        details);
  }

  /** The request as a plain map (the event-bus body). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event_family", family.name());
    m.put("platform_run_id", platformRunId);
    m.put("scenario_run_id", scenarioRunId);
    m.put("actor_id", actorId);
    m.put("source_type", sourceType);
    m.put("source_component", sourceComponent);
    m.put("dedupe_key", dedupeKey);
    m.put("details", details);
    return m;
  }

  /** Reads {@link #toMap()}'s form; fails with IllegalArgumentException naming the bad field. */
  @SuppressWarnings("unchecked")
  public static GovernanceEmit fromMap(Map<String, Object> m) {
    GovernanceFamily family = GovernanceFamily.parse((String) m.get("event_family")).orElseThrow(() ->
        new IllegalArgumentException("event_family: not one of " + GovernanceFamily.names() + ": "
            + m.get("event_family")));
    for (String required : new String[] {"platform_run_id", "actor_id", "source_component"}) {
      if (!(m.get(required) instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(required + ": required");
      }
    }
    Object details = m.get("details");
    if (details != null && !(details instanceof Map)) {
      throw new IllegalArgumentException("details: must be an object");
    }
    return new GovernanceEmit(family, (String) m.get("platform_run_id"), (String) m.get("scenario_run_id"),
        (String) m.get("actor_id"), (String) m.get("source_type"), (String) m.get("source_component"),
        (String) m.get("dedupe_key"), (Map<String, Object>) details);
  }
}
