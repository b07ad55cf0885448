package dev.fp.rtdl.df.core;

import dev.fp.contract.Ids;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.eventlog.OffsetOrder;

import java.util.List;
import java.util.Map;

/**
 * The Decision Fabric's core (reference rtdl §6): one decision per admitted traffic event of the run. The ledger makes
 * it replay-safe — the shell stores the batch's ledger rows (PENDING) before it publishes them
 * ({@code withStoreBeforeEffects}), so a re-delivered record finds its decision and re-publishes exactly those
 * envelopes (IG answers DUPLICATE for what landed) instead of deciding again on context that may have moved. A record
 * whose flow binding is not there yet holds, within the join-wait budget (wall clock from the first time DF saw it,
 * stored), then is decided with missing context; one OFP has not applied yet holds within the OFP wait budget. The
 * enricher attaches a {@link DecisionContext} to exactly the records the ledger had not settled when the batch began
 * (and only to them).
 */
public final class DecisionCore implements StreamProcessor<DecisionPublish> {
  private final DecisionRule rule;
  private final String runConfigDigest;
  private final long joinWaitBudgetMs;
  private final long ofpWaitBudgetMs;
  private final long holdRetryMs;

  public DecisionCore(DecisionRule rule, String runConfigDigest, long joinWaitBudgetMs, long ofpWaitBudgetMs,
                      long holdRetryMs) {
    this.rule = rule;
    this.runConfigDigest = runConfigDigest;
    this.joinWaitBudgetMs = joinWaitBudgetMs;
    this.ofpWaitBudgetMs = ofpWaitBudgetMs;
    this.holdRetryMs = holdRetryMs;
  }

  /** The ledger key of a record (also what the enricher checks to skip settled records). */
  public static DfTables.SourceKey key(StreamRecord r) {
    return new DfTables.SourceKey(r.platformRunId(), r.eventType(), r.eventId());
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    if (TriggerGate.refusal(r) == null) {
      keys.need(DfTables.LEDGER, key(r));
      keys.need(DfTables.WAITS, key(r));
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<DecisionPublish> ctx) {
    String refusal = TriggerGate.refusal(r);
    if (refusal != null) {
      fail(r, ctx, refusal, "not a decision trigger: " + r.eventType(), DfCounters.TRIGGER_REJECTED);
      return;
    }
    DfTables.SourceKey key = key(r);
    String sourceHash = Ids.payloadHash(r.eventType(), (String) r.envelope().get("schema_version"), r.payload());
    DfTables.DecisionRow stored = ctx.get(DfTables.LEDGER, key);
    if (stored != null) {
      if (!stored.sourcePayloadHash().equals(sourceHash)) {
        fail(r, ctx, "PAYLOAD_HASH_MISMATCH", "event " + r.eventId() + " was decided (" + stored.decisionId()
            + ") with another payload", DfCounters.SOURCE_MISMATCH);
      } else if (DfTables.PENDING.equals(stored.status()) && ctx.enrichment(r) == null) {
        // stored, its batch never committed (so it was never counted): the same envelopes again, counted now
        ctx.count(DfCounters.REPUBLISHED, 1);
        count(ctx, stored.decision());
        ctx.emit(new DecisionPublish(key, stored));
      } else {
        // published already, or decided earlier in this very batch (context was fetched for it: the ledger had no
        // row when the batch began): the event was delivered twice, its decision stands
        ctx.count(DfCounters.SOURCE_DUPLICATE, 1);
      }
      return;
    }
    Object attached = ctx.enrichment(r);
    if (!(attached instanceof DecisionContext c)) {
      throw new IllegalStateException("no decision context was fetched for " + r.eventId() + " (topic " + r.topic()
          + " offset " + r.offset() + ")");
    }
    boolean expired = false;
    boolean featuresBehind = featuresBehind(c, r);
    if (c.binding().waitable() || featuresBehind) {
      Long firstSeen = ctx.get(DfTables.WAITS, key);
      long since = firstSeen == null ? c.nowEpochMs() : firstSeen;
      long waited = c.nowEpochMs() - since;
      long budget = featuresBehind ? ofpWaitBudgetMs : joinWaitBudgetMs;
      if (waited < budget) {
        if (firstSeen == null) {
          ctx.put(DfTables.WAITS, key, since);
        }
        ctx.count(featuresBehind ? DfCounters.OFP_WAIT_HOLDS : DfCounters.JOIN_WAIT_HOLDS, 1);
        ctx.hold(r, Math.max(1, Math.min(holdRetryMs, budget - waited)),
            "JOIN_WAIT:" + (featuresBehind ? "OFP_BEHIND" : c.binding().status()));
        return;
      }
      expired = true;
      ctx.count(featuresBehind ? DfCounters.OFP_WAIT_EXPIRED : DfCounters.JOIN_WAIT_EXPIRED, 1);
    }
    ctx.delete(DfTables.WAITS, key);
    DecisionRule.Decision d = rule.decide(r, c, expired);
    DecisionEnvelopes.Built built = DecisionEnvelopes.build(r, c, d, rule.registry(), runConfigDigest);
    Object flowId = r.payload().get("flow_id");
    DfTables.DecisionRow row = new DfTables.DecisionRow(sourceHash, built.decisionId(),
        flowId == null ? null : String.valueOf(flowId), d.actionKind(), DfTables.PENDING, built.decision(),
        built.intents(), null, null, List.of());
    ctx.put(DfTables.LEDGER, key, row);
    count(ctx, built.decision());
    ctx.emit(new DecisionPublish(key, row));
  }

  /**
   * Whether OFP has not yet applied {@code r} itself: the enricher found its checkpoint before the record (BEHIND, not
   * asked), or it answered from such a basis. OFP consumes the same traffic in parallel, so a decision made then would
   * miss the flow's own features; the record waits for OFP — the platform's own lag, so within
   * {@code ofp_wait_budget_ms}, not the join-wait budget of context from outside. An OFP that did not answer is not
   * waited for (UNAVAILABLE is decided at once; the Degrade Ladder watches its health and lag).
   */
  @SuppressWarnings("unchecked")
  static boolean featuresBehind(DecisionContext c, StreamRecord r) {
    if (c.features() != null && DecisionContext.Features.BEHIND.equals(c.features().status())) {
      return true;
    }
    if (c.features() == null || !DecisionContext.Features.OK.equals(c.features().status())
        || c.features().snapshot() == null
        || !(c.features().snapshot().get("eb_offset_basis") instanceof Map<?, ?> basis)
        || !(basis.get("offsets") instanceof List<?> offsets)) {
      return false;
    }
    for (Object o : offsets) {
      if (o instanceof Map<?, ?> m && r.topic().equals(m.get("topic"))
          && m.get("partition") instanceof Number p && p.intValue() == r.partition()) {
        return !OffsetOrder.reached(m.get("offset") == null ? null : String.valueOf(m.get("offset")), r.offset());
      }
    }
    return true;
  }

  /**
   * Reference §6 counter rules, plus the families the reconciliation reports — from the decision envelope, so a stored
   * decision re-published after a crash counts exactly as it did when it was made.
   */
  @SuppressWarnings("unchecked")
  static void count(ProcessorContext<DecisionPublish> ctx, Map<String, Object> decisionEnvelope) {
    Map<String, Object> p = (Map<String, Object>) decisionEnvelope.get("payload");
    Map<String, Object> d = (Map<String, Object>) p.get("decision");
    String mode = String.valueOf(((Map<String, Object>) p.get("degrade_posture")).get("mode"));
    List<String> reasons = (List<String>) p.get("reason_codes");
    String status = String.valueOf(d.get("context_status"));
    boolean failClosed = "FAIL_CLOSED".equals(d.get("registry_outcome"));
    ctx.count(DfCounters.DECISIONS, 1);
    ctx.count(switch (String.valueOf(d.get("action_kind"))) {
      case "ALLOW" -> DfCounters.ALLOW;
      case "STEP_UP" -> DfCounters.STEP_UP;
      default -> DfCounters.QUEUE_REVIEW;
    }, 1);
    boolean missing = !status.equals("CONTEXT_READY") && !status.equals("CONTEXT_BLOCKED");
    if (!mode.equals("NORMAL") || missing || failClosed || reasons.stream().anyMatch(x -> x.startsWith("DEGRADE_"))) {
      ctx.count(DfCounters.DEGRADE, 1);
    }
    if (missing) {
      ctx.count(DfCounters.MISSING_CONTEXT, 1);
    }
    if (failClosed) {
      ctx.count(DfCounters.RESOLVER_FAILURES, 1);
    }
    if (mode.equals("FAIL_CLOSED") || reasons.stream().anyMatch(x -> x.contains("FAIL_CLOSED"))) {
      ctx.count(DfCounters.FAIL_CLOSED, 1);
    }
    if (reasons.stream().anyMatch(x -> x.startsWith("RISK_"))) {
      ctx.count(DfCounters.RISK_ESCALATIONS, 1);
    }
    ctx.count(DfCounters.MODE + mode, 1);
    Object bundle = p.get("bundle_ref") instanceof Map<?, ?> b ? b.get("bundle_id") : "fail_closed";
    ctx.count(DfCounters.BUNDLE + bundle, 1);
    reasons.forEach(code -> ctx.count(DfCounters.REASON + code, 1));
  }

  private static void fail(StreamRecord r, ProcessorContext<DecisionPublish> ctx, String reason, String detail,
                           String counter) {
    ctx.count(counter, 1);
    ctx.put(DfTables.FAILURES, new DfTables.FailureKey(ctx.platformRunId(), r.topic(), r.partition(), r.offset()),
        new DfTables.FailureRow(r.eventId(), reason, detail));
  }
}
