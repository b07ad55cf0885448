package dev.fp.caselabels.cm.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A case's state as a pure fold over its timeline in {@link CaseTimeline#ORDER} (reference case_ops_obs §2.4); never
 * stored as truth. One change from the reference: a LABEL_PENDING of an assertion the timeline already shows ACCEPTED
 * or REJECTED does not reopen the case. Label events carry the assertion's observed time (replay-stable), so a
 * pending and its answer share a time and their order falls to their ids.
 *
 * @param status    NEW, IN_PROGRESS, ACTION_PENDING, ACTION_FAILED, LABEL_PENDING, LABEL_REJECTED or RESOLVED
 * @param queueState triage, investigation, pending_action, pending_label or resolved
 */
public record CaseProjection(String caseId, String status, String queueState, boolean isOpen,
                             boolean pendingLabelWrite, boolean pendingActionOutcome, String assignee,
                             String lastActivityObservedTime, int eventCount) {
  public static final List<String> STATUSES = List.of("NEW", "IN_PROGRESS", "ACTION_PENDING", "ACTION_FAILED",
      "LABEL_PENDING", "LABEL_REJECTED", "RESOLVED");
  private static final Set<String> SUBMIT_FAILED = Set.of("PRECHECK_REJECTED", "SUBMIT_FAILED_FATAL");
  private static final Set<String> OUTCOME_FAILED = Set.of("FAILED", "DENIED", "TIMED_OUT", "UNKNOWN");

  /** Folds {@code timeline} (any order: it is sorted first). */
  public static CaseProjection fold(String caseId, List<Map<String, Object>> timeline) {
    List<Map<String, Object>> ordered = new ArrayList<>(timeline);
    ordered.sort(CaseTimeline.ORDER);
    CaseProjection p = new CaseProjection(caseId, "NEW", "triage", true, false, false, null, null, 0);
    Set<String> decidedAssertions = new HashSet<>();
    for (Map<String, Object> e : ordered) {
      p = p.apply(e, decidedAssertions);
    }
    return p;
  }

  private CaseProjection apply(Map<String, Object> e, Set<String> decided) {
    String type = String.valueOf(e.get("timeline_event_type"));
    Map<?, ?> payload = e.get("timeline_payload") instanceof Map<?, ?> m ? m : Map.of();
    String observed = String.valueOf(e.get("observed_time"));
    String last = lastActivityObservedTime == null || observed.compareTo(lastActivityObservedTime) > 0 ? observed
        : lastActivityObservedTime;
    CaseProjection p = new CaseProjection(caseId, status, queueState, isOpen, pendingLabelWrite,
        pendingActionOutcome, assignee, last, eventCount + 1);
    String assertion = String.valueOf(payload.get("label_assertion_id"));
    return switch (type) {
      case CaseTimeline.INVESTIGATOR_ASSERTION -> p.with("IN_PROGRESS", "investigation", true, p.pendingLabelWrite,
          p.pendingActionOutcome, payload.get("assignee") instanceof String a ? a : p.assignee);
      case CaseTimeline.ACTION_INTENT_REQUESTED -> SUBMIT_FAILED.contains(String.valueOf(payload.get("submit_status")))
          ? p.with("ACTION_FAILED", "triage", true, p.pendingLabelWrite, p.pendingActionOutcome, p.assignee)
          : p.with("ACTION_PENDING", "pending_action", true, p.pendingLabelWrite, true, p.assignee);
      case CaseTimeline.ACTION_OUTCOME_ATTACHED -> OUTCOME_FAILED.contains(String.valueOf(payload.get("outcome_status")))
          ? p.with("ACTION_FAILED", "triage", true, p.pendingLabelWrite, false, p.assignee)
          : p.with("IN_PROGRESS", "investigation", true, p.pendingLabelWrite, false, p.assignee);
      case CaseTimeline.LABEL_PENDING -> decided.contains(assertion) ? p
          : p.with("LABEL_PENDING", "pending_label", true, true, p.pendingActionOutcome, p.assignee);
      case CaseTimeline.LABEL_ACCEPTED -> {
        decided.add(assertion);
        yield p.with("RESOLVED", "resolved", false, false, p.pendingActionOutcome, p.assignee);
      }
      case CaseTimeline.LABEL_REJECTED -> {
        decided.add(assertion);
        yield p.with("LABEL_REJECTED", "triage", true, false, p.pendingActionOutcome, p.assignee);
      }
      default -> p;
    };
  }

  private CaseProjection with(String s, String queue, boolean open, boolean pendingLabel, boolean pendingAction,
                              String who) {
    return new CaseProjection(caseId, s, queue, open, pendingLabel, pendingAction, who, lastActivityObservedTime,
        eventCount);
  }

  /** The wire form operators read. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case_id", caseId);
    m.put("status", status);
    m.put("queue_state", queueState);
    m.put("is_open", isOpen);
    m.put("pending_label_write", pendingLabelWrite);
    m.put("pending_action_outcome", pendingActionOutcome);
    m.put("assignee", assignee);
    m.put("last_activity_observed_time", lastActivityObservedTime);
    m.put("event_count", eventCount);
    return m;
  }
}
