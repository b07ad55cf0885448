package dev.fp.obsgov.governance.core;

import dev.fp.contract.Ids;
import dev.fp.platform.governance.GovernanceEmit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the stored form of a governance event (reference case_ops_obs §5.2): {@code event_id, event_family, ts_utc,
 * actor{actor_id, source_type, source_component}, pins{platform_run_id[, scenario_run_id]}, provenance{
 * service_release_id, environment[, run_config_digest]}, details}. Pure.
 */
public final class GovernanceEvents {
  private GovernanceEvents() {
  }

  /** The event id of {@code e} ({@link Ids#governanceEventId}). */
  public static String eventId(GovernanceEmit e) {
    return Ids.governanceEventId(e.family().name(), e.platformRunId(), e.scenarioRunId(), e.sourceComponent(),
        e.dedupeKey(), e.details());
  }

  /**
   * The event document.
   *
   * @param tsUtc            wall time of the emit (wire form)
   * @param environment      the profile the writer runs under
   * @param serviceReleaseId the release stamped on provenance
   */
  public static Map<String, Object> document(GovernanceEmit e, String tsUtc, String environment,
                                             String serviceReleaseId) {
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("actor_id", e.actorId());
    actor.put("source_type", sourceType(e.sourceType()));
    actor.put("source_component", e.sourceComponent());
    Map<String, Object> pins = new LinkedHashMap<>();
    pins.put("platform_run_id", e.platformRunId());
    if (e.scenarioRunId() != null && !e.scenarioRunId().isEmpty()) {
      pins.put("scenario_run_id", e.scenarioRunId());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("event_id", eventId(e));
    doc.put("event_family", e.family().name());
    doc.put("ts_utc", tsUtc);
    doc.put("actor", actor);
    doc.put("pins", pins);
    doc.put("provenance", provenance(e.details(), environment, serviceReleaseId));
    doc.put("details", e.details());
    return doc;
  }

  /** SERVICE or SYSTEM → SYSTEM; HUMAN, USER or OPERATOR → HUMAN; otherwise upper-cased; empty → SYSTEM. */
  public static String sourceType(String raw) {
    String t = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "", "SERVICE", "SYSTEM" -> "SYSTEM";
      case "HUMAN", "USER", "OPERATOR" -> "HUMAN";
      default -> t;
    };
  }

  /**
   * {@code details.provenance} when it names a release and an environment, else the writer's; the run config digest
   * from {@code details.run_config_digest} or {@code details.policy_rev.content_digest} when present.
   */
  static Map<String, Object> provenance(Map<String, Object> details, String environment, String release) {
    if (details.get("provenance") instanceof Map<?, ?> given && given.get("service_release_id") != null
        && given.get("environment") != null) {
      Map<String, Object> copy = new LinkedHashMap<>();
      given.forEach((k, v) -> copy.put(String.valueOf(k), v));
      return copy;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("service_release_id", release);
    p.put("environment", environment);
    Object digest = details.get("run_config_digest");
    if (digest == null && details.get("policy_rev") instanceof Map<?, ?> rev) {
      digest = rev.get("content_digest");
    }
    if (digest != null) {
      p.put("run_config_digest", digest);
    }
    return p;
  }
}
