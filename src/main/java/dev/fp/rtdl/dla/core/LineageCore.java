package dev.fp.rtdl.dla.core;

import dev.fp.contract.Hashing;
import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.dla.store.DlaTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Decision Log &amp; Audit core (reference rtdl §8): every rtdl event of the run is checked, observed at its
 * offset (a log that changes under a read offset holds the partition: fail closed), appended once as a candidate, and
 * linked into its decision's chain decision → intents → outcomes. Conflicts are quarantined with the offset advanced.
 * When a chain with actions becomes RESOLVED, an append-only audit record of it is written and published.
 */
public final class LineageCore implements StreamProcessor<AuditWrite> {
  public static final String AUDIT_EVENT_TYPE = "audit_record";
  public static final String PRODUCER = "decision_log_audit";
  /** How long a partition whose log diverged waits before it is read again (an operator has to look). */
  static final long DIVERGENCE_RETRY_MS = 60_000;

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    String run = r.platformRunId();
    keys.need(DlaTables.OBSERVATIONS, offsetKey(r));
    AuditInlet.Observed o = AuditInlet.links(r);
    keys.need(DlaTables.QUARANTINE, quarantineKey(r, "REPLAY_DIVERGENCE"));
    if (!o.accepted()) {
      keys.need(DlaTables.QUARANTINE, quarantineKey(r, o.reason()));
    } else {
      keys.need(DlaTables.CANDIDATES, new DlaTables.CandidateKey(run, o.family(), o.eventId()));
      keys.need(DlaTables.CHAINS, new DlaTables.ChainKey(run, o.decisionId()));
      for (String reason : List.of("PAYLOAD_HASH_MISMATCH", "LINEAGE_CONFLICT")) {
        keys.need(DlaTables.QUARANTINE, quarantineKey(r, reason));
      }
    }
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<AuditWrite> ctx) {
    AuditInlet.Observed o = AuditInlet.observe(r);
    String identity = o.family() + "|" + o.eventId() + "|" + (o.accepted() ? o.payloadHash() : "-");
    DlaTables.OffsetKey at = offsetKey(r);
    DlaTables.Observation seen = ctx.get(DlaTables.OBSERVATIONS, at);
    if (seen != null && !seen.identity().equals(identity)) {
      if (quarantine(r, ctx, o, "REPLAY_DIVERGENCE", "first read " + seen.identity() + ", now " + identity)) {
        ctx.count(DlaCounters.REPLAY_DIVERGENCE, 1);
      }
      ctx.hold(r, DIVERGENCE_RETRY_MS, "REPLAY_DIVERGENCE");
      return;
    }
    boolean firstRead = seen == null;
    if (firstRead) {
      ctx.put(DlaTables.OBSERVATIONS, at, new DlaTables.Observation(identity));
      ctx.count(DlaCounters.SEEN, 1);
    }
    if (!o.accepted()) {
      quarantine(r, ctx, o, o.reason(), o.detail());
      return;
    }
    DlaTables.CandidateKey ck = new DlaTables.CandidateKey(ctx.platformRunId(), o.family(), o.eventId());
    String known = ctx.get(DlaTables.CANDIDATES, ck);
    if (known != null) {
      if (known.equals(o.payloadHash())) {
        if (firstRead) {
          ctx.count(DlaCounters.DUPLICATE, 1);
        }
      } else {
        quarantine(r, ctx, o, "PAYLOAD_HASH_MISMATCH", "event " + o.eventId() + " was audited with another payload");
      }
      return;
    }
    DlaTables.ChainKey key = new DlaTables.ChainKey(ctx.platformRunId(), o.decisionId());
    Chain before = ctx.get(DlaTables.CHAINS, key);
    Chain chain = before == null ? Chain.empty(o.decisionId(), o.scenarioRunId()) : before;
    String conflict = conflict(chain, o);
    if (conflict != null) {
      quarantine(r, ctx, o, "LINEAGE_CONFLICT", conflict);
      return;
    }
    ctx.put(DlaTables.CANDIDATES, ck, o.payloadHash());
    ctx.count(DlaCounters.CANDIDATE, 1);
    ctx.count(DlaCounters.ACCEPTED, 1);
    Chain after = link(chain, o, ebRef(r)).recomputed();
    if (after.resolved() && !after.intents().isEmpty() && (before == null || !before.resolved())) {
      Map<String, Object> record = auditRecord(ctx.platformRunId(), after);
      String auditId = (String) record.get("audit_id");
      after = after.withAudit(auditId);
      ctx.emit(new AuditWrite(ctx.platformRunId() + "/decision_log_audit/records", auditId, record,
          envelope(r, auditId, record)));
      ctx.count(DlaCounters.AUDIT_RECORDS, 1);
    }
    ctx.put(DlaTables.CHAINS, key, after);
    gauge(ctx, before, after);
  }

  /** The reference's link conflicts, or null. */
  static String conflict(Chain chain, AuditInlet.Observed o) {
    if (!chain.scenarioRunId().equals(o.scenarioRunId())) {
      return "RUN_SCOPE_MISMATCH: chain of scenario run " + chain.scenarioRunId();
    }
    if (chain.runConfigDigest() != null && o.runConfigDigest() != null
        && !chain.runConfigDigest().equals(o.runConfigDigest())) {
      return "RUN_CONFIG_DIGEST_MISMATCH";
    }
    switch (o.family()) {
      case AuditInlet.DECISION:
        return chain.decisionEventId() != null ? "DECISION_LINK_CONFLICT: decision event " + chain.decisionEventId()
            : null;
      case AuditInlet.INTENT:
        return chain.intents().containsKey(o.actionId()) ? "INTENT_LINK_CONFLICT: action " + o.actionId() : null;
      default:
        return chain.outcomes().containsKey(o.outcomeId()) ? "OUTCOME_LINK_CONFLICT: outcome " + o.outcomeId() : null;
    }
  }

  private static Chain link(Chain chain, AuditInlet.Observed o, String ebRef) {
    Chain c = o.runConfigDigest() != null && chain.runConfigDigest() == null ? chain.withDigest(o.runConfigDigest())
        : chain;
    return switch (o.family()) {
      case AuditInlet.DECISION -> c.withDecision(c.runConfigDigest(), o.eventId(), o.payloadHash(), o.tsUtc());
      case AuditInlet.INTENT -> c.withIntent(o.actionId(), new Chain.Link(o.eventId(), o.payloadHash(), ebRef));
      default -> c.withOutcome(o.outcomeId(), new Chain.OutcomeLink(o.actionId(), o.status(), o.eventId(),
          o.payloadHash(), ebRef));
    };
  }

  private static void gauge(ProcessorContext<AuditWrite> ctx, Chain before, Chain after) {
    if (before != null) {
      ctx.count(before.resolved() ? DlaCounters.RESOLVED : DlaCounters.UNRESOLVED, -1);
    }
    ctx.count(after.resolved() ? DlaCounters.RESOLVED : DlaCounters.UNRESOLVED, 1);
  }

  /** The audit record of a resolved chain; {@code audit_id} is the first 32 hex of the hash of the rest. */
  static Map<String, Object> auditRecord(String platformRunId, Chain c) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("platform_run_id", platformRunId);
    rec.put("scenario_run_id", c.scenarioRunId());
    rec.put("decision_id", c.decisionId());
    rec.put("run_config_digest", c.runConfigDigest());
    rec.put("decision", Map.of("event_id", c.decisionEventId(), "payload_hash", c.decisionPayloadHash(),
        "ts_utc", c.decisionTsUtc()));
    List<Map<String, Object>> intents = new ArrayList<>();
    c.intents().forEach((actionId, l) -> intents.add(Map.of("action_id", actionId, "event_id", l.eventId(),
        "payload_hash", l.payloadHash(), "eb_ref", l.ebRef())));
    rec.put("intents", intents);
    List<Map<String, Object>> outcomes = new ArrayList<>();
    c.outcomes().forEach((outcomeId, l) -> outcomes.add(Map.of("outcome_id", outcomeId, "action_id", l.actionId(),
        "status", l.status(), "event_id", l.eventId(), "payload_hash", l.payloadHash(), "eb_ref", l.ebRef())));
    rec.put("outcomes", outcomes);
    rec.put("chain_status", "RESOLVED");
    rec.put("audit_seq", c.auditIds().size() + 1);
    Map<String, Object> withId = new LinkedHashMap<>();
    withId.put("audit_id", Hashing.canonicalHash(rec).substring(0, 32));
    withId.putAll(rec);
    return withId;
  }

  /** The audit event on {@code fp.bus.audit.v1}: the pins of the event that resolved the chain, the decision's time. */
  private static Map<String, Object> envelope(StreamRecord r, String auditId, Map<String, Object> record) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", auditId);
    e.put("event_type", AUDIT_EVENT_TYPE);
    e.put("schema_version", "v1");
    e.put("ts_utc", ((Map<?, ?>) record.get("decision")).get("ts_utc"));
    for (String pin : AuditInlet.PINS) {
      e.put(pin, r.envelope().get(pin));
    }
    e.put("producer", PRODUCER);
    e.put("payload", record);
    return e;
  }

  private static boolean quarantine(StreamRecord r, ProcessorContext<AuditWrite> ctx, AuditInlet.Observed o,
                                    String reason, String detail) {
    DlaTables.QuarantineKey k = quarantineKey(r, reason);
    if (ctx.get(DlaTables.QUARANTINE, k) != null) {
      return false;
    }
    ctx.put(DlaTables.QUARANTINE, k, new DlaTables.QuarantineRow(o.family(), o.eventId(), detail));
    ctx.count(DlaCounters.QUARANTINE, 1);
    return true;
  }

  private static DlaTables.QuarantineKey quarantineKey(StreamRecord r, String reason) {
    return new DlaTables.QuarantineKey(r.platformRunId(), r.topic(), r.partition(), r.offset(), reason);
  }

  private static DlaTables.OffsetKey offsetKey(StreamRecord r) {
    return new DlaTables.OffsetKey(r.platformRunId(), r.topic(), r.partition(), r.offsetKind(), r.offset());
  }

  private static String ebRef(StreamRecord r) {
    return "topic=" + r.topic() + ";partition=" + r.partition() + ";offset=" + r.offset() + ";offset_kind="
        + r.offsetKind();
  }
}
