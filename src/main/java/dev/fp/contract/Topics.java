package dev.fp.contract;

import java.util.List;

/**
 * Durable event-log topics (ARCHITECTURE.md §5), all created at P0. Case triggers go to {@link #CASE}
 * ({@code fp.bus.case.v1}, the seed's name); the reference's {@code fp.bus.case.triggers.v1} is not used.
 */
public final class Topics {
  public static final String SR_CONTROL_BUS = "sr-control-bus";
  public static final String TRAFFIC_FRAUD = "fp.bus.traffic.fraud.v1";
  public static final String TRAFFIC_BASELINE = "fp.bus.traffic.baseline.v1";
  public static final String CONTEXT_ARRIVAL_EVENTS = "fp.bus.context.arrival_events.v1";
  public static final String CONTEXT_ARRIVAL_ENTITIES = "fp.bus.context.arrival_entities.v1";
  public static final String CONTEXT_FLOW_ANCHOR_FRAUD = "fp.bus.context.flow_anchor.fraud.v1";
  public static final String CONTEXT_FLOW_ANCHOR_BASELINE = "fp.bus.context.flow_anchor.baseline.v1";
  public static final String RTDL = "fp.bus.rtdl.v1";
  public static final String CASE = "fp.bus.case.v1";
  public static final String AUDIT = "fp.bus.audit.v1";

  /** The durable event bus: every topic but the control bus (what AW archives and P7 measures). */
  public static final List<String> EVENT_BUS = List.of(TRAFFIC_FRAUD, TRAFFIC_BASELINE, CONTEXT_ARRIVAL_EVENTS,
      CONTEXT_ARRIVAL_ENTITIES, CONTEXT_FLOW_ANCHOR_FRAUD, CONTEXT_FLOW_ANCHOR_BASELINE, RTDL, CASE, AUDIT);

  /** The {@code topic} field inside SR control messages on {@link #SR_CONTROL_BUS}; a label, not a log topic. */
  public static final String CONTROL_MESSAGE_TOPIC = "fp.bus.control.v1";

  public static final List<String> ALL = List.of(SR_CONTROL_BUS, TRAFFIC_FRAUD, TRAFFIC_BASELINE,
      CONTEXT_ARRIVAL_EVENTS, CONTEXT_ARRIVAL_ENTITIES, CONTEXT_FLOW_ANCHOR_FRAUD, CONTEXT_FLOW_ANCHOR_BASELINE, RTDL,
      CASE, AUDIT);

  private Topics() {
  }
}
