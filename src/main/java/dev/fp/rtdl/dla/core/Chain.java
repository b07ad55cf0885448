package dev.fp.rtdl.dla.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lineage of one decision (reference rtdl §8): the decision event, its intents by action_id, its outcomes by
 * outcome_id, and what is still missing. Any family may arrive first; an intent or outcome before its decision makes a
 * placeholder chain ({@code decisionEventId} null). Immutable: each change returns a new chain.
 *
 * @param auditIds the audit records written for this chain, one per resolved version of it
 */
public record Chain(String decisionId, String scenarioRunId, String runConfigDigest, String decisionEventId,
                    String decisionPayloadHash, String decisionTsUtc, Map<String, Link> intents,
                    Map<String, OutcomeLink> outcomes, List<String> unresolved, List<String> auditIds) {
  /** An intent's event: id, payload hash, where it was read. */
  public record Link(String eventId, String payloadHash, String ebRef) {
  }

  public record OutcomeLink(String actionId, String status, String eventId, String payloadHash, String ebRef) {
  }

  public Chain {
    intents = new TreeMap<>(intents);
    outcomes = new TreeMap<>(outcomes);
    unresolved = List.copyOf(unresolved);
    auditIds = List.copyOf(auditIds);
  }

  static Chain empty(String decisionId, String scenarioRunId) {
    return new Chain(decisionId, scenarioRunId, null, null, null, null, Map.of(), Map.of(), List.of(), List.of());
  }

  public boolean resolved() {
    return unresolved.isEmpty();
  }

  /** MISSING_DECISION, MISSING_INTENT_LINK (an outcome without its intent), MISSING_OUTCOME_LINK (an intent without). */
  Chain recomputed() {
    List<String> reasons = new ArrayList<>();
    if (decisionEventId == null) {
      reasons.add("MISSING_DECISION");
    }
    if (outcomes.values().stream().anyMatch(o -> !intents.containsKey(o.actionId()))) {
      reasons.add("MISSING_INTENT_LINK");
    }
    if (intents.keySet().stream().anyMatch(a -> outcomes.values().stream().noneMatch(o -> o.actionId().equals(a)))) {
      reasons.add("MISSING_OUTCOME_LINK");
    }
    return new Chain(decisionId, scenarioRunId, runConfigDigest, decisionEventId, decisionPayloadHash, decisionTsUtc,
        intents, outcomes, reasons, auditIds);
  }

  Chain withDecision(String digest, String eventId, String hash, String ts) {
    return new Chain(decisionId, scenarioRunId, digest, eventId, hash, ts, intents, outcomes, unresolved, auditIds);
  }

  Chain withDigest(String digest) {
    return new Chain(decisionId, scenarioRunId, digest, decisionEventId, decisionPayloadHash, decisionTsUtc, intents,
        outcomes, unresolved, auditIds);
  }

  Chain withIntent(String actionId, Link link) {
    Map<String, Link> m = new TreeMap<>(intents);
    m.put(actionId, link);
    return new Chain(decisionId, scenarioRunId, runConfigDigest, decisionEventId, decisionPayloadHash, decisionTsUtc,
        m, outcomes, unresolved, auditIds);
  }

  Chain withOutcome(String outcomeId, OutcomeLink link) {
    Map<String, OutcomeLink> m = new TreeMap<>(outcomes);
    m.put(outcomeId, link);
    return new Chain(decisionId, scenarioRunId, runConfigDigest, decisionEventId, decisionPayloadHash, decisionTsUtc,
        intents, m, unresolved, auditIds);
  }

  Chain withAudit(String auditId) {
    List<String> ids = new ArrayList<>(auditIds);
    ids.add(auditId);
    return new Chain(decisionId, scenarioRunId, runConfigDigest, decisionEventId, decisionPayloadHash, decisionTsUtc,
        intents, outcomes, unresolved, ids);
  }
}
