package dev.fp.rtdl.ieg.core;

import dev.fp.contract.EventRouting;
import dev.fp.contract.OutputIds;

import java.util.Set;

/**
 * The reference's {@code classification_v0} (rtdl §2): the six engine event types mutate the graph; the decision
 * lane's and IG's governance event types are irrelevant to it; anything else is unusable.
 */
public enum GraphClassification {
  GRAPH_MUTATING, GRAPH_IRRELEVANT, GRAPH_UNUSABLE;

  private static final Set<String> IRRELEVANT = Set.of(EventRouting.DECISION_RESPONSE_TYPE,
      EventRouting.ACTION_INTENT_TYPE, EventRouting.ACTION_OUTCOME_TYPE, "ig.policy.activation",
      "ig.quarantine.spike", "ig.pull.run", "ig.audit.verify");

  public static GraphClassification of(String eventType) {
    if (eventType != null && OutputIds.ALL.contains(eventType)) {
      return GRAPH_MUTATING;
    }
    return eventType != null && IRRELEVANT.contains(eventType) ? GRAPH_IRRELEVANT : GRAPH_UNUSABLE;
  }
}
