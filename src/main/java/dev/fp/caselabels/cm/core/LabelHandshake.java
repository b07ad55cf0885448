package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.PendingRow;
import dev.fp.contract.Hashing;
import dev.fp.contract.LabelAssertions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CM side of the LS writer-boundary handshake (reference case_ops_obs §2.5, with §8.5 and §8.6 fixed), pure: the
 * automatic label of a trigger, its PENDING emission row and LABEL_PENDING event (stored with the intake, before LS is
 * called), and what an LS answer — or no answer — does to the emission and the timeline. LS's ACCEPTED and REJECTED
 * are terminal; no answer keeps the label PENDING for the retrier, which tries {@code max_retry_attempts} times in
 * all and then rejects it with {@value #RETRY_LIMIT_EXCEEDED}. A retry appends nothing until the label is decided.
 */
public final class LabelHandshake {
  public static final String PENDING = "PENDING";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";
  public static final String RETRY_LIMIT_EXCEEDED = "RETRY_LIMIT_EXCEEDED";
  public static final String LS_UNAVAILABLE = "LS_UNAVAILABLE";
  public static final String HANDSHAKE_ACTOR = "SYSTEM::cm_label_handshake";
  public static final String INTAKE_ACTOR = "SYSTEM::case_trigger_intake";

  private LabelHandshake() {
  }

  /**
   * What one answer did: the emission's new row, the timeline event to append (null when still PENDING), the pending
   * index row (null: delete it) and the counter to add one to.
   */
  public record Step(EmissionRow row, Map<String, Object> event, PendingRow pending, String counter) {
  }

  /**
   * The automatic LabelAssertion (§3.2) for a trigger whose CASE_TRIGGERED event is {@code caseEvent}: subject =
   * the trigger's run and event id, effective and observed time = the trigger's observed time, evidence = the
   * trigger's refs plus the CASE_EVENT, label_payload {trigger_type, source_ref_id}.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> autoAssertion(LabelEmissionPolicy policy, LabelEmissionPolicy.AutoLabel label,
                                                  Map<String, Object> trigger, String caseEvent) {
    Map<String, Object> subject = (Map<String, Object>) trigger.get("case_subject_key");
    List<Map<String, Object>> refs = new ArrayList<>();
    for (Object r : (List<Object>) trigger.get("evidence_refs")) {
      refs.add((Map<String, Object>) r);
    }
    refs.add(Map.of("ref_type", "CASE_EVENT", "ref_id", caseEvent));
    String observed = (String) trigger.get("observed_time");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("trigger_type", trigger.get("trigger_type"));
    payload.put("source_ref_id", trigger.get("source_ref_id"));
    return LabelAssertions.build(new LabelAssertions.Draft(caseEvent, (String) subject.get("platform_run_id"),
        (String) subject.get("event_id"), (Map<String, Object>) trigger.get("pins"), label.labelType(),
        label.labelValue(), observed, observed, policy.autoLabelSourceType(), policy.autoLabelActor(), refs,
        payload));
  }

  /** The LABEL_PENDING event of an assertion: submitted, not yet answered. */
  public static Map<String, Object> pendingEvent(String caseId, Map<String, Object> assertion) {
    Map<String, Object> payload = labelPayload(assertion);
    payload.put("label_subject_key", assertion.get("label_subject_key"));
    payload.put("source_case_event_id", assertion.get("case_timeline_event_id"));
    return event(caseId, CaseTimeline.LABEL_PENDING, assertion, refs(assertion), payload);
  }

  /** The emission row stored PENDING with the intake, before any attempt. */
  public static EmissionRow stored(String caseId, Map<String, Object> assertion, String pendingEventId) {
    return new EmissionRow(caseId, (String) assertion.get("case_timeline_event_id"),
        (String) assertion.get("label_type"), Hashing.canonicalHash(assertion), assertion, PENDING, 0, null, null,
        null, null, null, pendingEventId, null);
  }

  /**
   * LS answered {@code status} (ACCEPTED / REJECTED) with {@code reason} for an attempt at {@code nowUtc}: the label
   * is decided; its LABEL_ACCEPTED / LABEL_REJECTED event is appended.
   */
  public static Step answered(EmissionRow row, String status, String reason, String assertionRef, String nowUtc) {
    boolean accepted = ACCEPTED.equals(status);
    String why = reason == null || reason.isEmpty() ? (accepted ? "LS_ACCEPTED" : "LS_REJECTED") : reason;
    return decided(row, accepted ? ACCEPTED : REJECTED, why, assertionRef, nowUtc, row.attemptCount() + 1);
  }

  /**
   * LS did not answer the attempt at {@code nowUtc} ({@code reason}: {@value #LS_UNAVAILABLE} or
   * {@code LS_WRITE_EXCEPTION:<Class>}): the label stays PENDING until {@code nextAttemptUtc}.
   */
  public static Step unanswered(EmissionRow row, String reason, String nowUtc, String nextAttemptUtc) {
    String first = row.firstRequestedAtUtc() == null ? nowUtc : row.firstRequestedAtUtc();
    EmissionRow next = new EmissionRow(row.caseId(), row.sourceCaseEventId(), row.labelType(), row.assertionHash(),
        row.assertion(), PENDING, row.attemptCount() + 1, first, nowUtc, nextAttemptUtc, reason, null,
        row.pendingEventId(), null);
    return new Step(next, null, new PendingRow(row.caseId(), first, nextAttemptUtc, next.attemptCount()),
        CmCounters.LABEL_ATTEMPTS_PENDING);
  }

  /** A PENDING label whose attempts are used up: REJECTED with {@value #RETRY_LIMIT_EXCEEDED}, LS not called. */
  public static Step retryLimit(EmissionRow row, String nowUtc) {
    return decided(row, REJECTED, RETRY_LIMIT_EXCEEDED, null, nowUtc, row.attemptCount());
  }

  private static Step decided(EmissionRow row, String status, String reason, String assertionRef, String nowUtc,
                              int attempts) {
    Map<String, Object> payload = labelPayload(row.assertion());
    payload.put("reason_code", reason);
    List<Map<String, Object>> refs = refs(row.assertion());
    if (assertionRef != null && !assertionRef.isEmpty()) {
      payload.put("assertion_ref", assertionRef);
      refs.add(new LinkedHashMap<>(Map.of("ref_type", "EXTERNAL_REF", "ref_id", assertionRef)));
    }
    String type = ACCEPTED.equals(status) ? CaseTimeline.LABEL_ACCEPTED : CaseTimeline.LABEL_REJECTED;
    Map<String, Object> event = event(row.caseId(), type, row.assertion(), refs, payload);
    String first = row.firstRequestedAtUtc() == null ? nowUtc : row.firstRequestedAtUtc();
    EmissionRow next = new EmissionRow(row.caseId(), row.sourceCaseEventId(), row.labelType(), row.assertionHash(),
        row.assertion(), status, attempts, first, nowUtc, null, reason, assertionRef, row.pendingEventId(),
        (String) event.get("case_timeline_event_id"));
    return new Step(next, event, null, ACCEPTED.equals(status) ? CmCounters.LABELS_ACCEPTED
        : CmCounters.LABELS_REJECTED);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(String caseId, String type, Map<String, Object> assertion,
                                           List<Map<String, Object>> refs, Map<String, Object> payload) {
    String id = (String) assertion.get("label_assertion_id");
    String status = type.substring("LABEL_".length());
    return CaseTimeline.event(caseId, type, CaseTimeline.labelSourceRef(id, status),
        (Map<String, Object>) assertion.get("pins"), (String) assertion.get("observed_time"), refs, payload, null);
  }

  private static Map<String, Object> labelPayload(Map<String, Object> assertion) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("label_assertion_id", assertion.get("label_assertion_id"));
    p.put("label_type", assertion.get("label_type"));
    p.put("label_value", assertion.get("label_value"));
    return p;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> refs(Map<String, Object> assertion) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object r : (List<Object>) assertion.get("evidence_refs")) {
      out.add(new LinkedHashMap<>((Map<String, Object>) r));
    }
    return out;
  }
}
