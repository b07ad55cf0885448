package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.PendingRow;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;

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
    Map<String, Object> labelSubject = new LinkedHashMap<>();
    labelSubject.put("platform_run_id", subject.get("platform_run_id"));
    labelSubject.put("event_id", subject.get("event_id"));
    List<Map<String, Object>> refs = new ArrayList<>();
    for (Object r : (List<Object>) trigger.get("evidence_refs")) {
      refs.add(new LinkedHashMap<>((Map<String, Object>) r));
    }
    refs.add(new LinkedHashMap<>(Map.of("ref_type", "CASE_EVENT", "ref_id", caseEvent)));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("label_assertion_id", Ids.labelAssertionId(caseEvent, (String) labelSubject.get("platform_run_id"),
        (String) labelSubject.get("event_id"), label.labelType()));
    a.put("case_timeline_event_id", caseEvent);
    a.put("label_subject_key", labelSubject);
    a.put("pins", new LinkedHashMap<>((Map<String, Object>) trigger.get("pins")));
    a.put("label_type", label.labelType());
    a.put("label_value", label.labelValue());
    a.put("effective_time", trigger.get("observed_time"));
    a.put("observed_time", trigger.get("observed_time"));
    a.put("source_type", policy.autoLabelSourceType());
    a.put("actor_id", policy.autoLabelActor());
    a.put("evidence_refs", sorted(refs));
    a.put("label_payload", new LinkedHashMap<>(Map.of("trigger_type", trigger.get("trigger_type"),
        "source_ref_id", trigger.get("source_ref_id"))));
    a.put("payload_hash", Ids.labelAssertionPayloadHash(a));
    return a;
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

  private static List<Map<String, Object>> sorted(List<Map<String, Object>> refs) {
    refs.sort((a, b) -> {
      for (String f : List.of("ref_type", "ref_id", "ref_scope")) {
        int c = dev.fp.contract.CodePointOrder.INSTANCE.compare(dev.fp.contract.PyStr.strOrEmpty(a.get(f)),
            dev.fp.contract.PyStr.strOrEmpty(b.get(f)));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    return refs;
  }
}
