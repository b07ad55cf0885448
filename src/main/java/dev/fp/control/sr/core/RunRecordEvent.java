package dev.fp.control.sr.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the append-only {@code run_record/<run_id>.jsonl}: {@code {event_id, event_kind, run_id, ts_utc,
 * details}} with {@code event_id} = sha256(canonical {event_kind, run_id, details}). The timestamp is not part of
 * the id, so recording the same fact twice is recognised and suppressed.
 */
public record RunRecordEvent(String eventId, String eventKind, String runId, String tsUtc, Map<String, Object> details) {
  public static final String RUN_ACCEPTED = "RUN_ACCEPTED";
  public static final String PLAN_COMMITTED = "PLAN_COMMITTED";
  public static final String PLAN_FAILED = "PLAN_FAILED";
  public static final String EVIDENCE_WAITING = "EVIDENCE_WAITING";
  public static final String EVIDENCE_FAIL = "EVIDENCE_FAIL";
  public static final String EVIDENCE_CONFLICT = "EVIDENCE_CONFLICT";
  public static final String READY_COMMITTED = "READY_COMMITTED";
  public static final String READY_PUBLISHED = "READY_PUBLISHED";
  public static final String READY_PUBLISH_FAILED = "READY_PUBLISH_FAILED";
  public static final String REEMIT_PUBLISHED = "REEMIT_PUBLISHED";

  public static RunRecordEvent of(String kind, String runId, String tsUtc, Map<String, Object> details) {
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("event_kind", kind);
    basis.put("run_id", runId);
    basis.put("details", details);
    return new RunRecordEvent(Hashing.canonicalHash(basis), kind, runId, tsUtc, details);
  }

  /** The jsonl line (canonical JSON and a newline). */
  public String line() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event_id", eventId);
    m.put("event_kind", eventKind);
    m.put("run_id", runId);
    m.put("ts_utc", tsUtc);
    m.put("details", details);
    return CanonicalJson.writeLine(m);
  }
}
