package dev.fp.caselabels.ct.core;

import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;
import dev.fp.platform.stream.core.BatchReads;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CT's core (case_ops_obs §1.2–§1.6, with §8.2–§8.4 fixed): for each record of {@code fp.bus.rtdl.v1} of the run —
 * a decision is remembered (decision_id → source event, pins) and, when the policy escalates it, raises
 * DECISION_ESCALATION; a failed or denied outcome raises ACTION_FAILURE on its decision's subject, or waits in a
 * durable table until its decision is read. Each trigger goes through the replay ledger: NEW is published through IG
 * (the effect), REPLAY_MATCH is counted and not published again (IG already holds it), PAYLOAD_MISMATCH is kept as a
 * mismatch row and never published. Other event types are counted and passed.
 */
public final class TriggerCore implements StreamProcessor<TriggerPublish> {
  private final TriggerPolicy policy;

  /** What the ledger said about a trigger. */
  public enum ReplayOutcome { NEW, REPLAY_MATCH, PAYLOAD_MISMATCH }

  public TriggerCore(TriggerPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    String run = r.platformRunId();
    switch (TriggerSources.eventType(r)) {
      case TriggerSources.DECISION -> {
        TriggerSources.Decision d = TriggerSources.decision(r).value();
        if (d != null) {
          CtTables.DecisionKey dk = new CtTables.DecisionKey(run, d.decisionId());
          keys.need(CtTables.DECISIONS, dk).need(CtTables.WAITING, dk);
          keys.need(CtTables.LEDGER, new CtTables.TriggerKey(run, escalationTriggerId(d, run)));
        }
      }
      case TriggerSources.OUTCOME -> {
        TriggerSources.Outcome o = TriggerSources.outcome(r).value();
        if (o != null) {
          CtTables.DecisionKey dk = new CtTables.DecisionKey(run, o.decisionId());
          keys.need(CtTables.DECISIONS, dk).need(CtTables.WAITING, dk);
        }
      }
      default -> {
      }
    }
  }

  /**
   * The ledger rows of the triggers that stored decisions and waiting outcomes reveal: an outcome's trigger id needs
   * its decision's source event, known only once the decision row is loaded (or read earlier in this batch).
   */
  @Override
  public void prefetchDependent(List<StreamRecord> records, BatchReads reads,
                                KeyRequests keys) {
    Map<String, String> batchDecisions = new HashMap<>();
    for (StreamRecord r : records) {
      if (TriggerSources.DECISION.equals(TriggerSources.eventType(r))) {
        TriggerSources.Decision d = TriggerSources.decision(r).value();
        if (d != null) {
          batchDecisions.putIfAbsent(d.decisionId(), d.sourceEventId());
        }
      }
    }
    for (StreamRecord r : records) {
      String run = r.platformRunId();
      String type = TriggerSources.eventType(r);
      if (type.equals(TriggerSources.OUTCOME)) {
        TriggerSources.Outcome o = TriggerSources.outcome(r).value();
        if (o == null) {
          continue;
        }
        CtTables.DecisionRow stored = reads.get(CtTables.DECISIONS, new CtTables.DecisionKey(run, o.decisionId()));
        String subject = stored != null ? stored.sourceEventId() : batchDecisions.get(o.decisionId());
        if (subject != null) {
          keys.need(CtTables.LEDGER, new CtTables.TriggerKey(run, failureTriggerId(o, subject, run)));
        }
      } else if (type.equals(TriggerSources.DECISION)) {
        TriggerSources.Decision d = TriggerSources.decision(r).value();
        if (d == null) {
          continue;
        }
        CtTables.WaitingRow waiting = reads.get(CtTables.WAITING, new CtTables.DecisionKey(run, d.decisionId()));
        if (waiting != null) {
          for (Map<String, Object> m : waiting.outcomes()) {
            keys.need(CtTables.LEDGER, new CtTables.TriggerKey(run,
                failureTriggerId(TriggerSources.Outcome.fromMap(m), d.sourceEventId(), run)));
          }
        }
      }
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<TriggerPublish> ctx) {
    switch (TriggerSources.eventType(r)) {
      case TriggerSources.DECISION -> onDecision(r, ctx);
      case TriggerSources.OUTCOME -> onOutcome(r, ctx);
      default -> ctx.count(CtCounters.IGNORED, 1);
    }
  }

  private void onDecision(StreamRecord r, ProcessorContext<TriggerPublish> ctx) {
    TriggerSources.Parsed<TriggerSources.Decision> parsed = TriggerSources.decision(r);
    if (parsed.value() == null) {
      fail(r, ctx, "DECISION_INVALID", parsed.problem());
      return;
    }
    TriggerSources.Decision d = parsed.value();
    if (!ctx.platformRunId().equals(d.pins().get("platform_run_id"))) {
      fail(r, ctx, "PINS_RUN_MISMATCH", "pins.platform_run_id " + d.pins().get("platform_run_id")
          + " is not this run's");
      return;
    }
    ctx.count(CtCounters.DECISIONS_SEEN, 1);
    CtTables.DecisionKey dk = new CtTables.DecisionKey(ctx.platformRunId(), d.decisionId());
    if (ctx.get(CtTables.DECISIONS, dk) == null) {
      ctx.put(CtTables.DECISIONS, dk, new CtTables.DecisionRow(d.sourceEventId(), d.pins(), d.decidedAt()));
    }
    String basis = policy.escalation(d.actionKind(), d.sourceEventId());
    if (basis != null) {
      Map<String, Object> trigger = build(r, ctx, () -> TriggerSources.escalation(d, basis, policy.eventClass()));
      if (trigger != null && admit(r, ctx, trigger, TriggerPolicy.DF_DECISION) == ReplayOutcome.NEW) {
        ctx.count(basis.equals("ACTION_KIND") ? CtCounters.ESCALATED_ACTION_KIND : CtCounters.ESCALATED_REVIEW_SAMPLE,
            1);
      }
    }
    CtTables.WaitingRow waiting = ctx.get(CtTables.WAITING, dk);
    if (waiting != null) {
      for (Map<String, Object> m : waiting.outcomes()) {
        ctx.count(CtCounters.OUTCOMES_RELEASED, 1);
        raiseFailure(r, ctx, TriggerSources.Outcome.fromMap(m), d.sourceEventId());
      }
      ctx.delete(CtTables.WAITING, dk);
    }
  }

  private void onOutcome(StreamRecord r, ProcessorContext<TriggerPublish> ctx) {
    TriggerSources.Parsed<TriggerSources.Outcome> parsed = TriggerSources.outcome(r);
    if (parsed.value() == null) {
      fail(r, ctx, "OUTCOME_INVALID", parsed.problem());
      return;
    }
    TriggerSources.Outcome o = parsed.value();
    if (!ctx.platformRunId().equals(o.pins().get("platform_run_id"))) {
      fail(r, ctx, "PINS_RUN_MISMATCH", "pins.platform_run_id " + o.pins().get("platform_run_id")
          + " is not this run's");
      return;
    }
    ctx.count(CtCounters.OUTCOMES_SEEN, 1);
    if (!policy.failureStatuses().contains(o.status())) {
      return;
    }
    CtTables.DecisionKey dk = new CtTables.DecisionKey(ctx.platformRunId(), o.decisionId());
    CtTables.DecisionRow decision = ctx.get(CtTables.DECISIONS, dk);
    if (decision != null) {
      raiseFailure(r, ctx, o, decision.sourceEventId());
      return;
    }
    // the decision is on another partition, not read yet: park the outcome durably until it is (never dropped)
    CtTables.WaitingRow waiting = ctx.get(CtTables.WAITING, dk);
    List<Map<String, Object>> outcomes = new ArrayList<>(waiting == null ? List.of() : waiting.outcomes());
    boolean parked = outcomes.stream().anyMatch(m -> o.outcomeId().equals(m.get("outcome_id")));
    if (!parked) {
      outcomes.add(o.toMap());
      ctx.put(CtTables.WAITING, dk, new CtTables.WaitingRow(outcomes));
      ctx.count(CtCounters.OUTCOMES_PARKED, 1);
    }
  }

  private void raiseFailure(StreamRecord r, ProcessorContext<TriggerPublish> ctx, TriggerSources.Outcome o,
                            String subjectEventId) {
    Map<String, Object> trigger = build(r, ctx, () -> TriggerSources.failure(o, subjectEventId, policy.eventClass()));
    if (trigger != null && admit(r, ctx, trigger, TriggerPolicy.AL_OUTCOME) == ReplayOutcome.NEW) {
      ctx.count(CtCounters.ACTION_FAILURES, 1);
    }
  }

  /** Builds a trigger; a contract failure (bad pins, say) is recorded against the record and yields null. */
  private static Map<String, Object> build(StreamRecord r, ProcessorContext<TriggerPublish> ctx,
                                           Supplier<Map<String, Object>> builder) {
    try {
      return builder.get();
    } catch (CaseTriggers.Invalid e) {
      fail(r, ctx, e.code(), e.getMessage());
      return null;
    }
  }

  /** Policy, then the replay ledger; stages the ledger row and, for a NEW trigger, its publish. */
  ReplayOutcome admit(StreamRecord r, ProcessorContext<TriggerPublish> ctx, Map<String, Object> trigger,
                      String sourceClass) {
    String refusal = policy.refusal(trigger, sourceClass);
    if (refusal != null) {
      fail(r, ctx, CtCounters.POLICY_REFUSED, refusal, "trigger " + trigger.get("case_trigger_id") + " refused by " + policy.policyId());
      return null;
    }
    String id = (String) trigger.get("case_trigger_id");
    CtTables.TriggerKey key = new CtTables.TriggerKey(ctx.platformRunId(), id);
    String hash = ledgerHash(trigger);
    CtTables.LedgerRow seen = ctx.get(CtTables.LEDGER, key);
    if (seen == null) {
      ctx.put(CtTables.LEDGER, key, new CtTables.LedgerRow((String) trigger.get("case_id"),
          (String) trigger.get("trigger_type"), (String) trigger.get("source_ref_id"), sourceClass,
          (String) trigger.get("payload_hash"), hash, 0, 0));
      ctx.count(CtCounters.TRIGGERS_SEEN, 1);
      ctx.emit(new TriggerPublish(key, CaseTriggers.envelope(trigger)));
      return ReplayOutcome.NEW;
    }
    if (seen.ledgerHash().equals(hash)) {
      ctx.put(CtTables.LEDGER, key, seen.replayed());
      ctx.count(CtCounters.REPLAYS, 1);
      return ReplayOutcome.REPLAY_MATCH;
    }
    ctx.put(CtTables.LEDGER, key, seen.mismatched());
    ctx.put(CtTables.MISMATCHES, new CtTables.MismatchKey(ctx.platformRunId(), id, hash),
        new CtTables.MismatchRow(seen.ledgerHash(), trigger));
    ctx.count(CtCounters.PAYLOAD_MISMATCH, 1);
    return ReplayOutcome.PAYLOAD_MISMATCH;
  }

  /** §1.6: sha256 of the canonical trigger, its own ids and payload_hash included. */
  public static String ledgerHash(Map<String, Object> trigger) {
    return Hashing.sha256Hex(CanonicalJson.write(trigger));
  }

  private String escalationTriggerId(TriggerSources.Decision d, String run) {
    return triggerId(run, d.sourceEventId(), CaseTriggers.DECISION_ESCALATION, "decision:" + d.decisionId());
  }

  private String failureTriggerId(TriggerSources.Outcome o, String subjectEventId, String run) {
    return triggerId(run, subjectEventId, CaseTriggers.ACTION_FAILURE, "action_outcome:" + o.outcomeId());
  }

  private String triggerId(String run, String eventId, String type, String sourceRefId) {
    return Ids.caseTriggerId(Ids.caseId(run, policy.eventClass(), eventId), type, sourceRefId);
  }

  private static void fail(StreamRecord r, ProcessorContext<TriggerPublish> ctx, String reason, String detail) {
    fail(r, ctx, CtCounters.INVALID, reason, detail);
  }

  private static void fail(StreamRecord r, ProcessorContext<TriggerPublish> ctx, String counter, String reason,
                           String detail) {
    ctx.count(counter, 1);
    ctx.put(CtTables.FAILURES, new CtTables.FailureKey(ctx.platformRunId(), r.topic(), r.partition(), r.offset()),
        new CtTables.FailureRow(r.eventId(), reason, detail));
  }
}
