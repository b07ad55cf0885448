package dev.fp.caselabels.ct.core;

import dev.fp.contract.CaseTriggers;
import dev.fp.contract.Timestamps;
import dev.fp.platform.stream.core.StreamRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two sources CT reads from {@code fp.bus.rtdl.v1} (case_ops_obs §1.2) and the triggers they raise: a
 * {@code decision_response} the policy escalates becomes DECISION_ESCALATION, an {@code action_outcome} whose status
 * the policy lists becomes ACTION_FAILURE on its decision's case subject. Observed times come from the records
 * ({@code decided_at_utc}, {@code completed_at_utc}, else the envelope's {@code ts_utc}), never the clock, so a
 * replay rebuilds byte-identical triggers. Audit refs are the reference's nominal {@code audit_<id>} (§8.14).
 */
public final class TriggerSources {
  public static final String DECISION = "decision_response";
  public static final String OUTCOME = "action_outcome";

  private TriggerSources() {
  }

  /** A decision as CT needs it. */
  public record Decision(String decisionId, String sourceEventId, String actionKind, String decisionKind,
                         Map<String, Object> pins, String decidedAt) {
  }

  /** An action outcome as CT needs it (also the form a waiting outcome is stored in). */
  public record Outcome(String outcomeId, String decisionId, String actionId, String actionKind, String status,
                        Map<String, Object> pins, String completedAt) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("outcome_id", outcomeId);
      m.put("decision_id", decisionId);
      m.put("action_id", actionId);
      m.put("action_kind", actionKind);
      m.put("status", status);
      m.put("pins", pins);
      m.put("completed_at_utc", completedAt);
      return m;
    }

    @SuppressWarnings("unchecked")
    public static Outcome fromMap(Map<String, Object> m) {
      return new Outcome((String) m.get("outcome_id"), (String) m.get("decision_id"), (String) m.get("action_id"),
          (String) m.get("action_kind"), (String) m.get("status"), (Map<String, Object>) m.get("pins"),
          (String) m.get("completed_at_utc"));
    }
  }

  /** A parsed source: {@code value} or the {@code problem} that made it unusable. */
  public record Parsed<T>(T value, String problem) {
    static <T> Parsed<T> ok(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> bad(String problem) {
      return new Parsed<>(null, problem);
    }
  }

  /** The record's event type, lower-cased; inferred from the payload when the envelope has none (§1.2). */
  public static String eventType(StreamRecord r) {
    if (r.eventType() != null && !r.eventType().isEmpty()) {
      return r.eventType().toLowerCase(Locale.ROOT);
    }
    Map<String, Object> p = r.payload();
    if (p.containsKey("decision_id") && p.containsKey("source_event")) {
      return DECISION;
    }
    if (p.containsKey("outcome_id") || p.containsKey("action_outcome_id")) {
      return OUTCOME;
    }
    return "";
  }

  public static Parsed<Decision> decision(StreamRecord r) {
    Map<String, Object> p = r.payload();
    String id = text(p.get("decision_id"));
    Map<String, Object> source = map(p.get("source_event"));
    Map<String, Object> decision = map(p.get("decision"));
    String sourceEventId = source == null ? null : text(source.get("event_id"));
    String actionKind = decision == null ? null : text(decision.get("action_kind"));
    Map<String, Object> pins = pins(p.get("pins"));
    String observed = observed(p.get("decided_at_utc"), r);
    if (id == null || sourceEventId == null || actionKind == null || pins == null || observed == null) {
      return Parsed.bad("decision_response needs decision_id, source_event.event_id, decision.action_kind, pins and "
          + "decided_at_utc (or ts_utc) in YYYY-MM-DDTHH:MM:SS.ffffffZ");
    }
    return Parsed.ok(new Decision(id, sourceEventId, actionKind, text(p.get("decision_kind")), pins, observed));
  }

  public static Parsed<Outcome> outcome(StreamRecord r) {
    Map<String, Object> p = r.payload();
    String id = text(p.containsKey("outcome_id") ? p.get("outcome_id") : p.get("action_outcome_id"));
    String decisionId = text(p.get("decision_id"));
    String status = text(p.get("status"));
    Map<String, Object> pins = pins(p.get("pins"));
    String observed = observed(p.get("completed_at_utc"), r);
    if (id == null || decisionId == null || status == null || pins == null || observed == null) {
      return Parsed.bad("action_outcome needs outcome_id, decision_id, status, pins and completed_at_utc (or ts_utc) "
          + "in YYYY-MM-DDTHH:MM:SS.ffffffZ");
    }
    return Parsed.ok(new Outcome(id, decisionId, text(p.get("action_id")), text(p.get("action_kind")), status, pins,
        observed));
  }

  /** DECISION_ESCALATION for an escalated decision; {@code basis} is ACTION_KIND or REVIEW_SAMPLE. */
  public static Map<String, Object> escalation(Decision d, String basis, String eventClass) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("source_contract", DECISION);
    payload.put("decision_kind", d.decisionKind());
    payload.put("decision_action_kind", d.actionKind());
    payload.put("escalation_basis", basis);
    return CaseTriggers.build(CaseTriggers.DECISION_ESCALATION, "decision:" + d.decisionId(), eventClass,
        d.sourceEventId(), d.pins(), List.of(ref("DECISION", d.decisionId()),
            ref("DLA_AUDIT_RECORD", "audit_" + d.decisionId())), d.decidedAt(), payload);
  }

  /** ACTION_FAILURE for a failed outcome, on the case subject of its decision's source event. */
  public static Map<String, Object> failure(Outcome o, String decisionSourceEventId, String eventClass) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("source_contract", OUTCOME);
    payload.put("status", o.status());
    payload.put("action_id", o.actionId());
    payload.put("action_kind", o.actionKind());
    payload.put("decision_id", o.decisionId());
    return CaseTriggers.build(CaseTriggers.ACTION_FAILURE, "action_outcome:" + o.outcomeId(), eventClass,
        decisionSourceEventId, o.pins(), List.of(ref("ACTION_OUTCOME", o.outcomeId()),
            ref("DLA_AUDIT_RECORD", "audit_" + o.outcomeId())), o.completedAt(), payload);
  }

  private static Map<String, Object> ref(String type, String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref_type", type);
    m.put("ref_id", id);
    return m;
  }

  private static String observed(Object own, StreamRecord r) {
    String t = text(own);
    if (t == null) {
      t = r.tsUtc();
    }
    return t != null && Timestamps.isWireInstant(t) ? t : null;
  }

  /** The six pins (and run_id when present), in contract order; null when the payload has no pins object. */
  private static Map<String, Object> pins(Object value) {
    Map<String, Object> in = map(value);
    if (in == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String pin : CaseTriggers.PINS) {
      out.put(pin, in.get(pin));
    }
    if (in.get("run_id") != null) {
      out.put("run_id", in.get("run_id"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static String text(Object v) {
    return v instanceof String s && !s.isEmpty() ? s : null;
  }
}
