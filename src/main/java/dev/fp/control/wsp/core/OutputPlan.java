package dev.fp.control.wsp.core;

import dev.fp.contract.OutputIds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which outputs one READY streams (control_ingress §4.3): context outputs first, then traffic, in that order.
 * A run is single-mode: its traffic is the fraud stream or the baseline stream, never both, and its flow anchor is
 * the one of the same mode ({@code OUTPUT_MODE_MIXED} otherwise). Empty overrides mean "the mode's defaults".
 */
public record OutputPlan(String mode, List<String> context, List<String> traffic) {
  public static final String FRAUD = "fraud";
  public static final String BASELINE = "baseline";

  public OutputPlan {
    context = List.copyOf(context);
    traffic = List.copyOf(traffic);
  }

  /** Fails with {@code NO_TRAFFIC_OUTPUTS}, {@code OUTPUT_UNKNOWN} or {@code OUTPUT_MODE_MIXED}. */
  public static OutputPlan of(String mode, List<String> trafficOverride, List<String> contextOverride) {
    if (!FRAUD.equals(mode) && !BASELINE.equals(mode)) {
      throw new WspFailure("OUTPUT_MODE_INVALID", "mode must be fraud or baseline, got " + mode);
    }
    List<String> traffic = trafficOverride.isEmpty() ? List.of(trafficOf(mode)) : trafficOverride;
    List<String> context = contextOverride.isEmpty() ? contextOf(mode) : contextOverride;
    OutputPlan plan = new OutputPlan(mode, context, traffic);
    plan.validate();
    return plan;
  }

  /** Context then traffic, duplicates removed, order kept. */
  public List<String> streamOrder() {
    LinkedHashSet<String> order = new LinkedHashSet<>(context);
    order.addAll(traffic);
    return new ArrayList<>(order);
  }

  private void validate() {
    if (traffic.isEmpty()) {
      throw new WspFailure("NO_TRAFFIC_OUTPUTS", "no traffic output selected");
    }
    for (String id : streamOrder()) {
      if (!OutputIds.ALL.contains(id)) {
        throw new WspFailure("OUTPUT_UNKNOWN", id + " is not a streamed output " + OutputIds.ALL);
      }
    }
    for (String id : traffic) {
      if (!id.equals(OutputIds.TRAFFIC_FRAUD) && !id.equals(OutputIds.TRAFFIC_BASELINE)) {
        throw new WspFailure("OUTPUT_UNKNOWN", id + " is not a traffic output");
      }
    }
    String other = FRAUD.equals(mode) ? BASELINE : FRAUD;
    List<String> foreign = streamOrder().stream()
        .filter(id -> id.equals(trafficOf(other)) || id.equals(flowAnchorOf(other))).toList();
    if (!foreign.isEmpty()) {
      throw new WspFailure("OUTPUT_MODE_MIXED", mode + " run cannot stream " + foreign);
    }
  }

  static String trafficOf(String mode) {
    return FRAUD.equals(mode) ? OutputIds.TRAFFIC_FRAUD : OutputIds.TRAFFIC_BASELINE;
  }

  static String flowAnchorOf(String mode) {
    return FRAUD.equals(mode) ? OutputIds.FLOW_ANCHOR_FRAUD : OutputIds.FLOW_ANCHOR_BASELINE;
  }

  static List<String> contextOf(String mode) {
    return FRAUD.equals(mode) ? OutputIds.FRAUD_CONTEXT : OutputIds.BASELINE_CONTEXT;
  }
}
