package dev.fp.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IG's routing policy: event_type → event class (class map, control_ingress.md §1/§5.5) → {@link EventRoute}
 * (partitioning profile and topic, §5.7). The case-trigger class goes to {@link Topics#CASE} (ARCHITECTURE.md §5).
 *
 * <p>Event types outside the map have no route: the reference would class them as {@code traffic} bound for
 * {@code fp.bus.traffic.v1}, a topic we never create, and its schema policy quarantines them anyway
 * (SCHEMA_POLICY_MISSING), so IG quarantines them instead. The {@code control} class is absent too: SR writes the
 * control bus itself and never goes through IG.
 */
public final class EventRouting {
  public static final String TRAFFIC_FRAUD = "traffic_fraud";
  public static final String TRAFFIC_BASELINE = "traffic_baseline";
  public static final String CONTEXT_ARRIVAL = "context_arrival";
  public static final String CONTEXT_ARRIVAL_ENTITIES = "context_arrival_entities";
  public static final String CONTEXT_FLOW_FRAUD = "context_flow_fraud";
  public static final String CONTEXT_FLOW_BASELINE = "context_flow_baseline";
  public static final String RTDL_DECISION = "rtdl_decision";
  public static final String RTDL_ACTION_INTENT = "rtdl_action_intent";
  public static final String RTDL_ACTION_OUTCOME = "rtdl_action_outcome";
  public static final String CASE_TRIGGER = "case_trigger";
  public static final String AUDIT = "audit";

  public static final String DECISION_RESPONSE_TYPE = "decision_response";
  public static final String ACTION_INTENT_TYPE = "action_intent";
  public static final String ACTION_OUTCOME_TYPE = "action_outcome";
  public static final String CASE_TRIGGER_TYPE = "case_trigger";
  public static final List<String> AUDIT_TYPES =
      List.of("ig.policy.activation", "ig.quarantine.spike", "ig.pull.run", "ig.audit.verify");

  private static final List<String> ENGINE_PINS = List.of(EnvelopeFields.PLATFORM_RUN_ID,
      EnvelopeFields.SCENARIO_RUN_ID, EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PARAMETER_HASH,
      EnvelopeFields.SEED, EnvelopeFields.SCENARIO_ID, EnvelopeFields.RUN_ID);
  private static final List<String> PLATFORM_PINS = ENGINE_PINS.subList(0, 6);
  private static final List<String> AUDIT_PINS = ENGINE_PINS.subList(0, 3);

  private static final List<String> TRAFFIC_KEYS =
      List.of("payload.flow_id", "payload.merchant_id", "payload.account_id", "payload.party_id", "event_id");
  private static final List<String> ARRIVAL_KEYS = List.of("payload.merchant_id", "payload.arrival_seq", "event_id");
  private static final List<String> FLOW_ANCHOR_KEYS =
      List.of("payload.flow_id", "payload.merchant_id", "payload.arrival_seq", "event_id");
  private static final List<String> DECISION_KEYS = List.of("payload.source_event.event_id",
      "payload.pins.platform_run_id", "payload.pins.scenario_run_id", "event_id");
  private static final List<String> ACTION_KEYS = List.of("payload.idempotency_key", "payload.decision_id",
      "payload.pins.platform_run_id", "payload.pins.scenario_run_id", "event_id");
  private static final List<String> CASE_KEYS = List.of("payload.case_id", "payload.case_subject_key.event_id",
      "payload.pins.platform_run_id", "event_id");
  private static final List<String> AUDIT_KEYS = List.of("event_id", "manifest_fingerprint");

  private static final String PROFILE = "ig.partitioning.v0.";
  private static final Map<String, EventRoute> ROUTES = Map.ofEntries(
      route(TRAFFIC_FRAUD, Topics.TRAFFIC_FRAUD, "traffic.fraud", TRAFFIC_KEYS, ENGINE_PINS),
      route(TRAFFIC_BASELINE, Topics.TRAFFIC_BASELINE, "traffic.baseline", TRAFFIC_KEYS, ENGINE_PINS),
      route(CONTEXT_ARRIVAL, Topics.CONTEXT_ARRIVAL_EVENTS, "context.arrival_events", ARRIVAL_KEYS, ENGINE_PINS),
      route(CONTEXT_ARRIVAL_ENTITIES, Topics.CONTEXT_ARRIVAL_ENTITIES, "context.arrival_entities", ARRIVAL_KEYS,
          ENGINE_PINS),
      route(CONTEXT_FLOW_FRAUD, Topics.CONTEXT_FLOW_ANCHOR_FRAUD, "context.flow_anchor.fraud", FLOW_ANCHOR_KEYS,
          ENGINE_PINS),
      route(CONTEXT_FLOW_BASELINE, Topics.CONTEXT_FLOW_ANCHOR_BASELINE, "context.flow_anchor.baseline",
          FLOW_ANCHOR_KEYS, ENGINE_PINS),
      route(RTDL_DECISION, Topics.RTDL, "rtdl.decision", DECISION_KEYS, PLATFORM_PINS),
      route(RTDL_ACTION_INTENT, Topics.RTDL, "rtdl.action_intent", ACTION_KEYS, PLATFORM_PINS),
      route(RTDL_ACTION_OUTCOME, Topics.RTDL, "rtdl.action_outcome", ACTION_KEYS, PLATFORM_PINS),
      route(CASE_TRIGGER, Topics.CASE, "case.trigger", CASE_KEYS, PLATFORM_PINS),
      route(AUDIT, Topics.AUDIT, "audit", AUDIT_KEYS, AUDIT_PINS));

  private static final Map<String, String> CLASS_BY_EVENT_TYPE = Map.ofEntries(
      Map.entry(OutputIds.TRAFFIC_FRAUD, TRAFFIC_FRAUD),
      Map.entry(OutputIds.TRAFFIC_BASELINE, TRAFFIC_BASELINE),
      Map.entry(OutputIds.ARRIVAL_EVENTS, CONTEXT_ARRIVAL),
      Map.entry(OutputIds.ARRIVAL_ENTITIES, CONTEXT_ARRIVAL_ENTITIES),
      Map.entry(OutputIds.FLOW_ANCHOR_FRAUD, CONTEXT_FLOW_FRAUD),
      Map.entry(OutputIds.FLOW_ANCHOR_BASELINE, CONTEXT_FLOW_BASELINE),
      Map.entry(DECISION_RESPONSE_TYPE, RTDL_DECISION),
      Map.entry(ACTION_INTENT_TYPE, RTDL_ACTION_INTENT),
      Map.entry(ACTION_OUTCOME_TYPE, RTDL_ACTION_OUTCOME),
      Map.entry(CASE_TRIGGER_TYPE, CASE_TRIGGER),
      Map.entry(AUDIT_TYPES.get(0), AUDIT),
      Map.entry(AUDIT_TYPES.get(1), AUDIT),
      Map.entry(AUDIT_TYPES.get(2), AUDIT),
      Map.entry(AUDIT_TYPES.get(3), AUDIT));

  private EventRouting() {
  }

  public static Optional<String> classOf(String eventType) {
    return Optional.ofNullable(CLASS_BY_EVENT_TYPE.get(eventType));
  }

  public static Optional<EventRoute> routeFor(String eventType) {
    return classOf(eventType).map(ROUTES::get);
  }

  /** Route of a class; {@link IllegalArgumentException} for a class outside the map. */
  public static EventRoute routeOfClass(String eventClass) {
    EventRoute route = ROUTES.get(eventClass);
    if (route == null) {
      throw new IllegalArgumentException("event routing: unknown event class " + eventClass);
    }
    return route;
  }

  /** Every event type with a route, mapped to its class. */
  public static Map<String, String> eventTypes() {
    return CLASS_BY_EVENT_TYPE;
  }

  private static Map.Entry<String, EventRoute> route(String eventClass, String topic, String profile,
      List<String> keys, List<String> pins) {
    return Map.entry(eventClass, new EventRoute(eventClass, topic, PROFILE + profile, keys, pins));
  }
}
