package dev.fp.rtdl.al.core;

import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.al.store.AlTables;

import java.util.ArrayList;
import java.util.List;

/**
 * The Action Layer's core (reference rtdl §7): for each {@code action_intent} of the run — validate, one effect per
 * {@code (platform_run_id, scenario_run_id, idempotency_key)} through the semantic ledger, authorize against the
 * policy, execute on the simulated provider, and stage the ledger entry, the outcome row and the outcome's publish.
 * Other rtdl events (decisions, outcomes) are counted and passed.
 */
public final class ActionCore implements StreamProcessor<OutcomePublish> {
  public static final String INTENT = "action_intent";
  private final AlPolicy policy;

  public ActionCore(AlPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    if (!INTENT.equals(r.eventType())) {
      return;
    }
    ActionIntent.Parsed p = ActionIntent.parse(r.payload());
    if (p.intent() != null) {
      keys.need(AlTables.LEDGER, ledgerKey(p.intent()));
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<OutcomePublish> ctx) {
    if (!INTENT.equals(r.eventType())) {
      ctx.count(AlCounters.IGNORED, 1);
      return;
    }
    ActionIntent.Parsed p = ActionIntent.parse(r.payload());
    if (p.intent() == null) {
      fail(r, ctx, "INTENT_INVALID", p.problem(), AlCounters.INVALID);
      return;
    }
    ActionIntent intent = p.intent();
    if (!intent.platformRunId().equals(ctx.platformRunId())) {
      fail(r, ctx, "PINS_RUN_MISMATCH", "pins.platform_run_id " + intent.platformRunId() + " is not the envelope's",
          AlCounters.INVALID);
      return;
    }
    ctx.count(AlCounters.INTAKE, 1);
    AlTables.LedgerKey key = ledgerKey(intent);
    String hash = Outcomes.intentHash(intent);
    AlTables.LedgerEntry seen = ctx.get(AlTables.LEDGER, key);
    if (seen != null) {
      if (seen.intentHash().equals(hash)) {
        ctx.count(AlCounters.DUPLICATE_INTENT, 1);       // the effect happened once; its outcome is not re-emitted
      } else {
        fail(r, ctx, "SEMANTIC_PAYLOAD_HASH_MISMATCH", "idempotency_key " + intent.idempotencyKey()
            + " was used by action " + seen.actionId(), AlCounters.INTENT_MISMATCH);
      }
      return;
    }
    List<String> denials = authorize(intent);
    Outcomes.Outcome o;
    if (denials.isEmpty()) {
      SimulatedExecutor.Result result = SimulatedExecutor.run(policy, intent.actionKind(), key.semanticKey());
      ctx.count(AlCounters.ATTEMPTS, result.attempts().size());
      ctx.count(AlCounters.RETRIES, result.attempts().size() - 1);
      if (result.terminalState().equals("UNKNOWN_COMMIT")) {
        ctx.count(AlCounters.UNKNOWN_COMMIT, 1);
      }
      o = Outcomes.executed(intent, policy, result);
    } else {
      o = Outcomes.denied(intent, policy, denials);
    }
    ctx.count(switch (o.status()) {
      case "EXECUTED" -> AlCounters.EXECUTED;
      case "DENIED" -> AlCounters.DENIED;
      default -> AlCounters.FAILED;
    }, 1);
    AlTables.OutcomeKey ok = new AlTables.OutcomeKey(ctx.platformRunId(), o.outcomeId());
    AlTables.OutcomeRow row = new AlTables.OutcomeRow(intent.decisionId(), intent.actionId(), intent.actionKind(),
        o.status(), o.reason(), Outcomes.envelopeHash(o.envelope()), null, null);
    ctx.put(AlTables.LEDGER, key, new AlTables.LedgerEntry(intent.idempotencyKey(), intent.actionId(),
        intent.decisionId(), hash, o.outcomeId(), o.status()));
    ctx.put(AlTables.OUTCOMES, ok, row);
    ctx.emit(new OutcomePublish(ok, row, o.envelope()));
  }

  /** Reference §7 step 4: the execution posture, then origin, action kind and actor principal; every reason found. */
  List<String> authorize(ActionIntent i) {
    List<String> reasons = new ArrayList<>();
    if (!policy.postureMode().equals("NORMAL") || !policy.allowExecution()) {
      reasons.add("POSTURE_BLOCK:" + policy.postureMode());
    }
    if (!policy.allowedOrigins().contains(i.origin())) {
      reasons.add("AUTHZ_ORIGIN_DENY");
    }
    if (!policy.allowedActionKinds().contains(i.actionKind())) {
      reasons.add("AUTHZ_ACTION_KIND_DENY");
    }
    List<String> prefixes = policy.actorPrefixes().getOrDefault(i.origin(), List.of());
    if (prefixes.stream().noneMatch(i.actorPrincipal()::startsWith)) {
      reasons.add("AUTHZ_ACTOR_PRINCIPAL_DENY");
    }
    return reasons;
  }

  private static AlTables.LedgerKey ledgerKey(ActionIntent i) {
    return new AlTables.LedgerKey(i.platformRunId(), i.scenarioRunId(), Outcomes.semanticKey(i));
  }

  private static void fail(StreamRecord r, ProcessorContext<OutcomePublish> ctx, String reason, String detail,
                           String counter) {
    ctx.count(counter, 1);
    ctx.put(AlTables.FAILURES, new AlTables.FailureKey(ctx.platformRunId(), r.topic(), r.partition(), r.offset()),
        new AlTables.FailureRow(r.eventId(), reason, detail));
  }
}
